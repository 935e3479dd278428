package solutions

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
)

// Download is the answer to exercise 1: errgroup.WithContext cancels the
// others on the first error and Wait returns that error, SetLimit(k) keeps
// at most k downloads in flight, and each goroutine stores its body at its
// URL's index.
func Download(ctx context.Context, urls []string, k int, fetch func(ctx context.Context, url string) ([]byte, error)) ([][]byte, error) {
	if k < 1 {
		return nil, fmt.Errorf("download: k = %d: need at least 1", k)
	}
	bodies := make([][]byte, len(urls))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(k) // g.Go blocks while k goroutines are running
	for i, url := range urls {
		if gctx.Err() != nil {
			break // a download failed (or the caller cancelled): start no more
		}
		g.Go(func() error {
			body, err := fetch(gctx, url)
			if err != nil {
				return err
			}
			bodies[i] = body
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("download: %w", err)
	}
	return bodies, nil
}
