package threads

import (
	"context"
	"fmt"
	"runtime/debug"
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
// at once, in the worker that saw it. The feeding stops, a worker checks
// the context before each call and starts none once it is cancelled, and
// that first error is returned, with no results, once every goroutine has
// finished.
func Map[T, R any](ctx context.Context, workers int, inputs []T, f func(context.Context, T) (R, error)) ([]R, error) {
	if workers < 1 {
		return nil, fmt.Errorf("map: %d workers: need at least 1", workers)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("map: %w", context.Cause(ctx))
	}
	// The cause of the cancellation is the first error: context.Cause
	// gives it back, whichever worker's result arrives first.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

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
				if ctx.Err() != nil {
					continue // cancelled: start no new call (the feeder is stopping too)
				}
				v, err := protect(ctx, f, inputs[i])
				if err != nil {
					err = fmt.Errorf("input %d: %w", i, err)
					cancel(err) // now, before this worker takes another job
				}
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
	failed := false
	for r := range results {
		received++
		failed = failed || r.Err != nil
		out[r.Job] = r.Value
	}
	helpers.Wait()
	if failed || received < len(inputs) {
		// The first error, or the caller's cancellation if it came first.
		return nil, fmt.Errorf("map: %w", context.Cause(ctx))
	}
	return out, nil
}

// PanicError is the error that Map and MapErrgroup return for a call of f
// that panicked: the value it panicked with, and the stack of the
// goroutine at the panic. A panic in a worker would otherwise crash the
// program, and recovering it without its stack would lose where it
// happened.
type PanicError struct {
	// Value is what was passed to panic.
	Value any
	// Stack is the panicking goroutine's stack (runtime/debug.Stack),
	// taken where the panic was recovered: its first frames below panic(…)
	// are where f panicked.
	Stack []byte
}

// Error is "panic: " and the value, then the stack.
func (e *PanicError) Error() string {
	return fmt.Sprintf("panic: %v\n\n%s", e.Value, e.Stack)
}

// Unwrap returns the value if it is an error (panic(err)), so that
// errors.Is and errors.As see through the panic.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// protect calls f, turning a panic into a *PanicError that keeps the
// panic's stack: a panic in a worker must reach the caller as an error,
// never crash the program.
func protect[T, R any](ctx context.Context, f func(context.Context, T) (R, error), in T) (r R, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
	return f(ctx, in)
}
