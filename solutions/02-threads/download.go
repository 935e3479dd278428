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
//
// Each goroutine checks the context before it fetches. Checking it only in
// the loop is not enough: g.Go blocks while k downloads run, and when one of
// them fails, its slot goes to the blocked g.Go after the group's context is
// cancelled, so the goroutine it starts would fetch with a cancelled
// context.
func Download(ctx context.Context, urls []string, k int, fetch func(ctx context.Context, url string) ([]byte, error)) ([][]byte, error) {
	if k < 1 {
		return nil, fmt.Errorf("download: k = %d: need at least 1", k)
	}
	bodies := make([][]byte, len(urls))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(k) // g.Go blocks while k goroutines are running
	for i, url := range urls {
		if gctx.Err() != nil {
			break // a download failed (or the caller cancelled): start no more goroutines
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err // cancelled while g.Go waited for a slot: start no new download
			}
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
