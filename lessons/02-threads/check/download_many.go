package check

import (
	"context"
	"fmt"
	"sync"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// The round of many instant downloads: a URL handed out twice shows only
// when two workers look for their next URL at the same moment, and with
// fetches that return at once they look for one all the time.
const (
	manyURLs      = 2000
	manyInFlight  = 4
	manyDownloads = 10 // rounds; a correct answer takes a few milliseconds a round
)

// checkDownloadMany runs Download on every processor with many URLs whose
// fetch returns at once, and fails if a URL was fetched twice or never:
// workers that share an index and read it in one step and advance it in
// another (an atomic Load, then an Add; two locked sections) fetch the
// same URL when they look for one together. The race detector sees that
// only if the two also store the same body; without it, on one processor
// the workers hardly ever interleave there, and on two or more a round of
// 2000 URLs shows it almost every time: the check runs up to 10.
func checkDownloadMany(c *exercise.C, impl DownloadFunc) {
	urls := testURLs("many", manyURLs)
	what := fmt.Sprintf("Download(ctx, %d URLs, k=%d, fetch)", manyURLs, manyInFlight)
	for range manyDownloads {
		var mu sync.Mutex
		counts := map[string]int{}
		calls := 0
		fetch := func(_ context.Context, url string) ([]byte, error) {
			mu.Lock()
			counts[url]++
			calls++
			mu.Unlock()
			return bodyOf(url), nil
		}
		var bodies [][]byte
		var err error
		c.Call(what, "it never returns, though every fetch returned at once: does every worker return once no URL is left?",
			func() { bodies, err = impl(context.Background(), urls, manyInFlight, fetch) })
		if err != nil {
			c.Fail(exercise.Mistake{
				Expected: what + " to succeed: no fetch failed",
				Got:      fmt.Sprintf("error %v", err),
				Likely:   "an error of Download's own: return an error only when a fetch returned one, or ctx ended",
			})
		}
		mu.Lock()
		checkBodies(c, what, urls, bodies, counts, calls)
		mu.Unlock()
	}
}
