package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/04-mixing/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// runBatch is RunBatch, registered so that a child process can run it.
// Leave it as it is.
var runBatch = processes.Register("exercises04.RunBatch", RunBatch)

// RunBatch is the first half of exercise 1, and runs in a child process.
// Run check.Work on every item of b, on b.Goroutines goroutines at once
// (no more), and return the results in the order of b.Items.
func RunBatch(ctx context.Context, b check.Batch) ([]int, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}

// Split is the second half of exercise 1. Cut items into procs batches of
// consecutive items, run each batch with RunBatch in a child process of its
// own (processes.New(runBatch, ...)), all the children at once, with
// goroutines goroutines each, and return every result in the order of
// items.
func Split(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
