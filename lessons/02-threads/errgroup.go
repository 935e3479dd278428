package threads

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
)

// MapErrgroup does what Map does with golang.org/x/sync/errgroup instead of
// a pool of long-lived workers: a goroutine per input, with SetLimit(workers)
// keeping at most workers of them running (g.Go blocks until one finishes).
// Each goroutine writes only its own element of the results.
//
// The group's context is cancelled by the first error, and from then on no
// call of f starts. Stopping the loop is not enough for that: g.Go may be
// blocked waiting for a free slot when the error comes, and the slot it
// gets is the failed call's, so the goroutine it then starts would call f
// with a context already cancelled. So each goroutine checks the context
// before it calls f.
func MapErrgroup[T, R any](ctx context.Context, workers int, inputs []T, f func(context.Context, T) (R, error)) ([]R, error) {
	if workers < 1 {
		return nil, fmt.Errorf("map: %d workers: need at least 1", workers)
	}
	out := make([]R, len(inputs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	started := 0
	for i, in := range inputs {
		if gctx.Err() != nil {
			break // an error (or the caller) cancelled the rest: start no more goroutines
		}
		started++
		g.Go(func() error {
			if gctx.Err() != nil {
				// Cancelled while g.Go waited for a free slot: do not call f.
				return context.Cause(gctx)
			}
			r, err := protect(gctx, f, in)
			if err != nil {
				return fmt.Errorf("input %d: %w", i, err)
			}
			out[i] = r
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("map: %w", err)
	}
	if started < len(inputs) { // the caller cancelled before every input started
		return nil, fmt.Errorf("map: %w", context.Cause(ctx))
	}
	return out, nil
}
