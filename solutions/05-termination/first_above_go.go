package solutions

import (
	"context"
	"errors"
	"sync"

	"github.com/gophertutor/concurrency/lessons/05-termination/check"
)

// FirstAboveGo is the answer to exercise 2: the first finder keeps its
// value and cancels the shared context, with errFound as the cause; every
// worker stops when draw fails, keeping only what draw returned; all are
// waited for.
func FirstAboveGo(ctx context.Context, draw check.DrawFunc, workers int, target float64) (float64, [][]float64, error) {
	errFound := errors.New("a worker found a value above the target")
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	drawn := make([][]float64, workers)
	var (
		wg    sync.WaitGroup
		first sync.Once
		found float64
	)
	for w := range workers {
		wg.Go(func() {
			for {
				x, err := draw(ctx, w)
				if err != nil {
					return // cancelled: what it drew is in drawn[w]
				}
				drawn[w] = append(drawn[w], x)
				if x > target {
					first.Do(func() { found = x })
					cancel(errFound)
					return
				}
			}
		})
	}
	wg.Wait()
	if errors.Is(context.Cause(ctx), errFound) {
		return found, drawn, nil
	}
	return 0, drawn, context.Cause(ctx) // ctx ended before anyone found
}
