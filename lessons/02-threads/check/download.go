package check

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// DownloadFunc is the signature of exercise 1.
type DownloadFunc func(ctx context.Context, urls []string, k int, fetch func(ctx context.Context, url string) ([]byte, error)) ([][]byte, error)

// Download is exercise 1: a concurrent downloader that keeps the order of
// the URLs, keeps at most k requests in flight, and cancels the rest on
// the first error.
var Download = exercise.Exercise[DownloadFunc]{
	Info: exercise.Info{
		Name:    "Download",
		File:    "lessons/02-threads/exercises/download.go",
		Section: readme + "#exercise-1-a-downloader-that-keeps-order",
		Hint: "g, ctx := errgroup.WithContext(ctx); g.SetLimit(k); one g.Go per URL that stores its body at the URL's index; " +
			"return g.Wait()'s error (or write the same with a pool of k workers and a cancel func)",
		RaceSensitive: true,
		Race: "the goroutines share a variable with nothing ordering them: one slice they all append to, an index they all " +
			"advance, or a first-error variable they all set. Let each goroutine write only its own element, bodies[i], and " +
			"keep the first error with errgroup (g.Wait returns it)",
	},
	Check: checkDownload,
}

// errBroken is the error the check's fetch returns for a broken URL.
var errBroken = errors.New("500 Internal Server Error")

func bodyOf(url string) []byte { return []byte("image at " + url) }

// testURLs returns n URLs whose names are out of order (…/1.jpg, …/4.jpg,
// …/7.jpg, …/2.jpg for 8), so that bodies sorted, or kept in any order
// but the URLs', do not look right by chance.
func testURLs(prefix string, n int) []string {
	step := 3
	for gcd(step, n) != 1 {
		step += 2
	}
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("http://site.test/%s/%d.jpg", prefix, (i*step+1)%n)
	}
	return urls
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func checkDownload(c *exercise.C, impl DownloadFunc) {
	checkDownloadAll(c, impl, testURLs("images", 8), 3)
	checkDownloadAll(c, impl, testURLs("few", 2), 5)
	checkDownloadAll(c, impl, nil, 3)
	checkDownloadMany(c, impl)
	checkDownloadError(c, impl)
	checkDownloadFailsAtOnce(c, impl)
}

// checkDownloadAll downloads urls with k in flight, the check deciding
// when each request ends (the one for the last URL in flight first). It
// runs on one processor, where goroutines start only once their creator
// blocks, so a Wait that runs before the goroutines' wg.Add shows.
func checkDownloadAll(c *exercise.C, impl DownloadFunc, urls []string, k int) {
	what := fmt.Sprintf("Download(ctx, %d URLs, k=%d, fetch)", len(urls), k)
	g := exercise.NewGate(c, k, len(urls))
	var (
		returned atomic.Bool
		late     atomic.Int32 // fetch calls that started after Download returned
		mu       sync.Mutex
		fetched  = map[string]int{}
	)
	fetch := func(ctx context.Context, url string) ([]byte, error) {
		if returned.Load() {
			late.Add(1)
		}
		mu.Lock()
		fetched[url]++
		mu.Unlock()
		h := g.Enter(slices.Index(urls, url), 1)
		defer g.Leave(h)
		select {
		case <-h.Released():
			return bodyOf(url), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}

	snap := c.Snapshot()
	d := g.Drive(exercise.HighestKeyFirst)
	defer d.Finish()
	var (
		bodies [][]byte
		err    error
	)
	var inFlight int
	c.OnOneProcessor(func() {
		c.Call(what, "it waits for something that never comes: a result nobody sends, or a WaitGroup whose Done is never called",
			func() {
				bodies, err = impl(context.Background(), slices.Clone(urls), k, fetch)
				returned.Store(true)
			})
		inFlight = g.Stats().InFlight
	})
	stalled := d.Finish()
	stats := g.Stats()
	peak, calls := stats.Peak, stats.Calls

	want := min(k, len(urls))
	switch {
	case err != nil:
		c.Fail(exercise.Mistake{
			Expected: what + " to succeed: every fetch succeeded",
			Got:      "it returned the error: " + err.Error(),
			Likely:   "an error came from somewhere other than fetch: return only the errors that fetch returns",
		})
	case stalled && peak <= 1 && want > 1:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d downloads in flight at once", want),
			Got:      "only one at a time: with one download in flight, it started no other",
			Likely:   "the downloads run one after the other: start each in its own goroutine (g.Go) before waiting for any",
		})
	case stalled && peak < want:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d downloads in flight at once while there are URLs left", want),
			Got:      fmt.Sprintf("at most %d at once: with URLs left, it waited with fewer than %d in flight", peak, want),
			Likely:   "fewer goroutines than k download at a time, or each waits for the previous one: run k at once",
		})
	case peak > k:
		likely := "a goroutine per URL, unbounded: limit them with g.SetLimit(k), or start k workers that share a channel of URLs"
		if peak == k+1 && peak < len(urls) {
			likely = "one download more than k at once: the bound is off by one (k+1 workers, a semaphore taken after " +
				"the fetch starts, or a count of running downloads compared with > k instead of >= k)"
		}
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most k = %d downloads in flight at once", k),
			Got:      fmt.Sprintf("%d at once", peak),
			Likely:   likely,
		})
	}
	c.NoGoroutinesLeft(snap, "Download",
		"a goroutine is stuck sending a result that nobody receives, or waiting for a URL that never comes: "+
			"receive every result you start, and close the channel the workers range over")
	if inFlight > 0 || late.Load() > 0 {
		c.Fail(exercise.Mistake{
			Expected: what + " to return once every download has finished",
			Got:      "it returned while fetch calls were still running, or before they had started",
			Likely: "nothing waited for the goroutines: there is no g.Wait() (or wg.Wait()) before the return, or wg.Add(1) runs " +
				"inside the goroutine, where it can come after Wait has already returned. Call wg.Add(1) before the go statement, " +
				"or use g.Go (or wg.Go), which does both",
		})
	}
	mu.Lock()
	counts := maps.Clone(fetched)
	mu.Unlock()
	checkBodies(c, what, urls, bodies, counts, calls)
}

func checkBodies(c *exercise.C, what string, urls []string, bodies [][]byte, fetched map[string]int, calls int) {
	for _, u := range urls {
		if fetched[u] != 1 {
			c.Fail(exercise.Mistake{
				Expected: "every URL fetched exactly once",
				Got:      fmt.Sprintf("%s was fetched %d times (%d fetch calls for %d URLs)", u, fetched[u], calls, len(urls)),
				Likely: "the URLs are handed out wrongly: workers that share an index (next) read it in one step and advance it " +
					"in another (no lock, an atomic Load then an Add, two locked sections), so two of them take the same URL; " +
					"or a URL is started twice. Take and advance the index in one step (next.Add(1)-1, or one locked section), " +
					"give each goroutine its own URL (the loop variable), or let each worker take the next one from a shared channel",
			})
		}
	}
	want := make([][]byte, len(urls))
	for i, u := range urls {
		want[i] = bodyOf(u)
	}
	if equalBodies(bodies, want) {
		return
	}
	likely := "a body was lost on its way back: store each body at its URL's index"
	switch {
	case len(bodies) != len(urls):
		likely = fmt.Sprintf("it returned %d bodies for %d URLs: make([][]byte, len(urls)) and store each body at its URL's index", len(bodies), len(urls))
	case isPermutationOf(bodies, want) && slices.IsSortedFunc(bodies, bytes.Compare):
		likely = "the bodies are sorted, not in the order of the URLs: sorting bodies collected in the order they finished " +
			"only looks right when the URLs come sorted. Store each body at its URL's index"
	case isPermutationOf(bodies, want):
		likely = "the bodies are in the order the downloads finished: store each body at its URL's index, not with append"
	}
	c.Fail(exercise.Mistake{
		Expected: what + " to return the bodies in the order of the URLs",
		Got:      fmt.Sprintf("bodies %s (the URLs %s; the downloads of the later URLs finished first)", describeBodies(bodies), describeURLs(urls)),
		Likely:   likely,
	})
}

func equalBodies(a, b [][]byte) bool {
	return slices.EqualFunc(a, b, func(x, y []byte) bool { return string(x) == string(y) })
}

func isPermutationOf(got, want [][]byte) bool {
	a, b := make([]string, len(got)), make([]string, len(want))
	for i := range got {
		a[i] = string(got[i])
	}
	for i := range want {
		b[i] = string(want[i])
	}
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func describeURLs(urls []string) string {
	bodies := make([][]byte, len(urls))
	for i, u := range urls {
		bodies[i] = []byte(u)
	}
	return describeBodies(bodies)
}

func describeBodies(bodies [][]byte) string {
	parts := make([]string, len(bodies))
	for i, b := range bodies {
		s := string(b)
		if j := strings.LastIndex(s, "/"); j >= 0 {
			s = s[j+1:] // "3.jpg"
		}
		if len(b) == 0 {
			s = "(empty)"
		}
		parts[i] = s
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// downloadStuck is the likely mistake of a Download that never returned
// after the first error, by what its caller waits on.
func downloadStuck(on string) string {
	if on == "chan send" {
		return "the loop that hands out the URLs is stuck sending the next one: after the error the workers returned, and " +
			"nobody receives it. Send in a select with ctx.Done() (and stop the loop when it is done), then close the channel"
	}
	return "after the first error it still waits: cancel the others and let every goroutine finish"
}

// checkDownloadError: one URL is broken, the first to begin after the
// first URL's (the second, in an answer that starts them in order; the
// first URL's error is then context.Canceled, which an answer that returns
// the first error by index returns). Its fetch fails once k
// fetches are in flight and every other goroutine of the answer is
// blocked, so that at the error every goroutine a correct answer runs is
// inside fetch, none between its check of the context and its call, and
// its caller waits for a free slot (or for the others to finish). The other fetches last until their context is cancelled, so an
// answer that does not cancel them on the first error waits out the
// check's patience. After the error, no fetch may start: the check counts
// the fetches that begin with their context already cancelled.
func checkDownloadError(c *exercise.C, impl DownloadFunc) {
	urls := testURLs("broken", 5)
	const k = 3
	what := fmt.Sprintf("Download(ctx, %d URLs, k=%d, fetch) where one of them (not the first) is broken", len(urls), k)
	var (
		returned     atomic.Bool
		late         atomic.Int32
		notCancelled atomic.Int32 // fetches that waited out the patience
		startedDone  atomic.Int32 // fetches that began with ctx already cancelled
		entered      atomic.Int32
		broken       atomic.Bool // the broken URL's fetch has begun
		gauge        exercise.Gauge
	)
	allIn := make(chan struct{})  // closed when k fetches have begun
	failed := make(chan struct{}) // closed when the broken URL's fetch returns
	fail := sync.OnceFunc(func() { close(failed) })
	looked := make(chan struct{}) // closed once the check has seen what runs at the return
	look := sync.OnceFunc(func() { close(looked) })
	defer look()
	fetch := func(ctx context.Context, url string) ([]byte, error) {
		if returned.Load() {
			late.Add(1)
		}
		defer gauge.Enter()()
		if ctx.Err() != nil {
			startedDone.Add(1)
			return nil, ctx.Err()
		}
		if entered.Add(1) == k {
			close(allIn)
		}
		timer := time.NewTimer(c.Patience())
		defer timer.Stop()
		if url != urls[0] && broken.CompareAndSwap(false, true) {
			select {
			case <-allIn:
				// Fail once the rest of the answer is blocked too: its
				// caller in g.Go waiting for a slot, or in its loop's next
				// check of ctx, whatever the machine's load.
				c.Settle()
			case <-timer.C: // fewer than k at once: checkDownloadAll says so
			}
			defer fail()
			return nil, fmt.Errorf("download %s: %w", url, errBroken)
		}
		// The others wait for the cancellation; the patience they give it
		// starts at the error, however long a busy machine took to get there.
		// Cancelled, they return only once the answer waits for them (or
		// has returned without waiting): a fetch takes a while to stop.
		cancelled := func() ([]byte, error) {
			if c.AwaitCaller() == exercise.CallerReturned {
				<-looked // returned without waiting: still running when the check looks
			}
			return nil, ctx.Err()
		}
		select {
		case <-ctx.Done():
			return cancelled()
		case <-failed:
			timer.Reset(c.Patience())
		case <-timer.C: // the broken URL's fetch has not begun: give it another patience
			timer.Reset(c.Patience())
		}
		select {
		case <-ctx.Done():
			return cancelled()
		case <-timer.C:
			notCancelled.Add(1)
			return bodyOf(url), nil
		}
	}
	snap := c.Snapshot()
	var err error
	c.CallExplained(what, func() string { return downloadStuck(c.CallerWaitsOn()) },
		func() {
			_, err = impl(context.Background(), slices.Clone(urls), k, fetch)
			returned.Store(true)
		})
	inFlight := gauge.Now()
	look()

	switch {
	case err == nil:
		c.Fail(exercise.Mistake{
			Expected: what + " to return the broken URL's error",
			Got:      "no error",
			Likely:   "the error from fetch is dropped: return it (errgroup's Wait returns the first one)",
		})
	case !errors.Is(err, errBroken) && errors.Is(err, context.Canceled):
		c.Fail(exercise.Mistake{
			Expected: "the error that caused the cancellation: " + errBroken.Error(),
			Got:      "it returned " + err.Error(),
			Likely:   "the first error cancelled the others, and then their context.Canceled was returned instead: keep the first error (errgroup does), not the first by index",
		})
	case !errors.Is(err, errBroken):
		c.Fail(exercise.Mistake{
			Expected: "the broken URL's error, wrapped or as it is (errors.Is finds it)",
			Got:      "it returned " + err.Error(),
			Likely:   "wrap errors with %w, not %v, so that the caller can still find them",
		})
	case notCancelled.Load() > 0:
		c.Fail(exercise.Mistake{
			Expected: "the first error to cancel the downloads still in flight (their ctx is done)",
			Got:      fmt.Sprintf("%d downloads ran on for %v after the error, their context never cancelled", notCancelled.Load(), c.Patience()),
			Likely:   "nothing cancels them: derive ctx with errgroup.WithContext (or context.WithCancel and call cancel on the first error), and pass that ctx to fetch",
		})
	}
	c.NoGoroutinesLeft(snap, "Download",
		"a goroutine is stuck sending its result after Download returned on the first error: "+
			"give the results channel room for every result, or keep receiving until all goroutines are done")
	if inFlight > 0 || late.Load() > 0 {
		c.Fail(exercise.Mistake{
			Expected: what + " to return once every goroutine has finished",
			Got:      "it returned while fetch calls were still running, or started new ones afterwards",
			Likely:   "returning on the first error leaves the others running: cancel them, then wait for them (g.Wait does both)",
		})
	}
	if n := int(startedDone.Load()); n > 0 {
		urlsLeft := len(urls) - k // not started when the error came
		likely := "a check of ctx.Err() that comes too early, or none: in the loop before g.Go, the check passes, then g.Go waits " +
			"for a free slot, and the slot frees up when a download fails, after the cancellation (a worker that takes the next URL " +
			"without checking ctx does the same). Check ctx.Err() inside the goroutine, right before fetch, and return if it is done"
		if n >= urlsLeft {
			likely = "nothing stops the downloads that had not started yet: a cancelled ctx stops no loop and no worker by itself. " +
				"Check ctx.Err() right before each fetch (with errgroup, inside the goroutine) and return if it is done"
		}
		c.Fail(exercise.Mistake{
			Expected: "no new download to start after the first error: fetch is not called once the ctx is cancelled",
			Got: fmt.Sprintf("the error came while %d downloads were in flight, with %d URLs not started yet; "+
				"fetch was still called for %d of them after it, with the ctx already cancelled", k, urlsLeft, n),
			Likely: likely,
		})
	}
}
