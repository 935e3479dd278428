package exercises

import (
	"context"

	"github.com/gophertutor/concurrency/lessons/05-termination/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// FirstAboveGo is exercise 2: exercise 1 with goroutines and a context. Run
// workers goroutines at once; worker w calls draw(ctx, w) again and again,
// keeping each value it returns, until one is above target. Then every
// worker must stop: cancel the context you pass to draw (a draw in progress
// then returns ctx's error, and that is no value), and wait for them all.
// Return the value found, with a nil error, and every value each worker
// drew, in order, in drawn[w].
func FirstAboveGo(ctx context.Context, draw check.DrawFunc, workers int, target float64) (found float64, drawn [][]float64, err error) {
	exercise.TODO() // replace this line with your answer
	return 0, nil, nil
}
