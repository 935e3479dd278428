package threads

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/errgroup"
)

// ResultsByChannel runs f on every input, each in its own goroutine, and
// collects the results from a channel: Python's queue.Queue that the
// threads put into and the main thread gets from. The results arrive in the
// order the goroutines finish, not in the order of the inputs.
//
// The channel has room for every result, so no goroutine ever blocks on its
// send; the caller receives exactly one result per goroutine, then waits
// for them all.
func ResultsByChannel[T, R any](inputs []T, f func(T) R) []R {
	results := make(chan R, len(inputs))
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Go(func() { results <- f(in) })
	}
	out := make([]R, 0, len(inputs))
	for range inputs {
		out = append(out, <-results)
	}
	wg.Wait() // every goroutine has sent: this returns at once
	return out
}

// ResultsByIndex runs f on every input, each in its own goroutine, and
// returns the results in the order of the inputs. Each goroutine writes
// only its own element of the slice, so no channel and no lock is needed;
// wg.Wait makes their writes visible to the caller.
func ResultsByIndex[T, R any](inputs []T, f func(T) R) []R {
	out := make([]R, len(inputs))
	var wg sync.WaitGroup
	for i, in := range inputs {
		wg.Go(func() { out[i] = f(in) })
	}
	wg.Wait()
	return out
}

// ResultsWithErrgroup is ResultsByIndex for work that can fail, with
// golang.org/x/sync/errgroup: the first error cancels the context that the
// other calls got, and is returned once every goroutine has finished.
func ResultsWithErrgroup[T, R any](ctx context.Context, inputs []T, f func(context.Context, T) (R, error)) ([]R, error) {
	out := make([]R, len(inputs))
	g, ctx := errgroup.WithContext(ctx)
	for i, in := range inputs {
		g.Go(func() error {
			r, err := f(ctx, in)
			if err != nil {
				return fmt.Errorf("input %d: %w", i, err)
			}
			out[i] = r
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}
