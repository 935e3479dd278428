package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// checkDownloadFailsAtOnce runs exercise 1 with one download at a time, on
// one processor, where the first fetch called fails at once: the goroutines
// the answer started then run only after the cancellation, each finding a
// free slot and a done ctx at the same moment. A select on both picks one
// at random, so a goroutine that waits for its slot that way, with no
// check of ctx after it, calls fetch with the ctx cancelled about every
// other time: with many URLs, some surely do.
func checkDownloadFailsAtOnce(c *exercise.C, impl DownloadFunc) {
	urls := testURLs("first-fails", 16)
	const k = 1
	what := fmt.Sprintf("Download(ctx, %d URLs, k=%d, fetch) where the first fetch called fails at once", len(urls), k)
	var (
		calls       atomic.Int32
		startedDone atomic.Int32 // fetches that began with ctx already cancelled
	)
	fetch := func(ctx context.Context, url string) ([]byte, error) {
		if calls.Add(1) == 1 {
			return nil, fmt.Errorf("download %s: %w", url, errBroken)
		}
		if ctx.Err() != nil {
			startedDone.Add(1)
			return nil, ctx.Err()
		}
		// Begun before the cancellation reached the answer (cancelled by
		// another goroutine, say): it stops once ctx is done.
		timer := time.NewTimer(c.Patience())
		defer timer.Stop()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-timer.C:
			return bodyOf(url), nil // never cancelled: checkDownloadError says so
		}
	}
	snap := c.Snapshot()
	var err error
	c.OnOneProcessor(func() {
		c.CallExplained(what, func() string { return downloadStuck(c.CallerWaitsOn()) },
			func() { _, err = impl(context.Background(), slices.Clone(urls), k, fetch) })
	})
	if !errors.Is(err, errBroken) {
		c.Fail(exercise.Mistake{
			Expected: what + " to return that fetch's error",
			Got:      fmt.Sprintf("error %v", err),
			Likely:   "the first error is the one to return (errgroup's Wait returns it); keep it, wrapped with %w or as it is",
		})
	}
	c.NoGoroutinesLeft(snap, "Download", "a goroutine of yours was still running when Download returned: wait for every one")
	n := int(startedDone.Load())
	if n == 0 {
		return
	}
	likely := "a goroutine that waits for its slot in a select on the semaphore and ctx.Done(): once the error has freed a " +
		"slot and cancelled ctx, both cases are ready, and select picks one at random, so it may take the slot and call " +
		"fetch. Check ctx.Err() after taking the slot, right before fetch, and return if it is done"
	if n >= len(urls)-1 {
		likely = "nothing stops the downloads that had not started yet: a cancelled ctx stops no loop and no worker by itself. " +
			"Check ctx.Err() right before each fetch (with errgroup, inside the goroutine) and return if it is done"
	}
	c.Fail(exercise.Mistake{
		Expected: "no download to start after the first error: fetch is not called once the ctx is cancelled",
		Got:      fmt.Sprintf("fetch was called %d times of %d with the ctx already cancelled", n, len(urls)-1),
		Likely:   likely,
	})
}
