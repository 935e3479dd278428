package threads

import (
	"context"
	"fmt"
	"sync"
)

// Result is what one job of a worker pool produced: which job (its index
// in the inputs, or its ID), its value, or its error.
type Result[R any] struct {
	Job   int
	Value R
	Err   error
}

// Map runs f on every input with a pool of workers goroutines and returns
// the results in the order of the inputs: Python's
// ThreadPool(workers).map(f, inputs), and at most workers calls of f at
// any moment.
//
// A feeder goroutine sends the index of each input on a jobs channel and
// closes it when done (the sender closes). The workers take indexes from it
// and send a Result on a results channel, which the last worker out closes.
// The caller's goroutine reads the results and alone writes the returned
// slice: results come back to the main goroutine, as in Python.
//
// The first error, or panic, of f cancels the context the other calls got,
// stops the feeding, and is returned with no results once every goroutine
// has finished.
func Map[T, R any](ctx context.Context, workers int, inputs []T, f func(context.Context, T) (R, error)) ([]R, error) {
	if workers < 1 {
		return nil, fmt.Errorf("map: %d workers: need at least 1", workers)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("map: %w", context.Cause(ctx))
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan int)
	results := make(chan Result[R], workers)
	var helpers sync.WaitGroup // the feeder and the closer
	var pool sync.WaitGroup    // the workers
	// The feeder: the only sender on jobs, so it closes it.
	helpers.Go(func() {
		defer close(jobs)
		for i := range inputs {
			if ctx.Err() != nil {
				return // an error or the caller cancelled: hand out no more
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	for range min(workers, len(inputs)) {
		pool.Go(func() {
			for i := range jobs {
				v, err := protect(ctx, f, inputs[i])
				results <- Result[R]{Job: i, Value: v, Err: err} // the caller reads until closed
			}
		})
	}
	// The closer: the workers send on results; when the last has
	// returned, results is closed.
	helpers.Go(func() {
		pool.Wait()
		close(results) // every worker, every sender, has finished
	})

	out := make([]R, len(inputs))
	received := 0
	var first error
	for r := range results {
		received++
		if r.Err != nil && first == nil {
			first = fmt.Errorf("map: input %d: %w", r.Job, r.Err)
			cancel() // stop the feeder and tell the running calls
		}
		out[r.Job] = r.Value
	}
	helpers.Wait()
	switch {
	case first != nil:
		return nil, first
	case received < len(inputs):
		return nil, fmt.Errorf("map: %w", context.Cause(parent))
	}
	return out, nil
}

// protect calls f, turning a panic into an error: a panic in a worker must
// reach the caller as an error, never crash the program.
func protect[T, R any](ctx context.Context, f func(context.Context, T) (R, error), in T) (r R, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return f(ctx, in)
}
