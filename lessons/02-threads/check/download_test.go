package check_test

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gophertutor/concurrency/lessons/02-threads/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
)

type fetchFunc = func(ctx context.Context, url string) ([]byte, error)

func TestDownloadRejectsOneAfterTheOther(t *testing.T) {
	sequential := func(ctx context.Context, urls []string, _ int, fetch fetchFunc) ([][]byte, error) {
		bodies := make([][]byte, len(urls))
		for i, u := range urls {
			b, err := fetch(ctx, u)
			if err != nil {
				return nil, err
			}
			bodies[i] = b
		}
		return bodies, nil
	}
	rejected(t, check.Download.Run(sequential, quick), "one after the other")
}

func TestDownloadRejectsAGoroutinePerURL(t *testing.T) {
	unbounded := func(ctx context.Context, urls []string, _ int, fetch fetchFunc) ([][]byte, error) {
		bodies := make([][]byte, len(urls))
		g, ctx := errgroup.WithContext(ctx) // no SetLimit
		for i, u := range urls {
			g.Go(func() (err error) {
				bodies[i], err = fetch(ctx, u)
				return err
			})
		}
		return bodies, g.Wait()
	}
	rejected(t, check.Download.Run(unbounded, quick), "unbounded")
}

// A limit of k+1: one download too many at once, named as an off-by-one
// bound rather than as no bound at all.
func TestDownloadRejectsALimitOffByOne(t *testing.T) {
	offByOne := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		bodies := make([][]byte, len(urls))
		g, ctx := errgroup.WithContext(ctx)
		g.SetLimit(k + 1)
		for i, u := range urls {
			g.Go(func() (err error) {
				bodies[i], err = fetch(ctx, u)
				return err
			})
		}
		return bodies, g.Wait()
	}
	rejected(t, check.Download.Run(offByOne, quick), "the bound is off by one")
}

func TestDownloadRejectsBodiesInFinishingOrder(t *testing.T) {
	finishingOrder := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		results := make(chan []byte, len(urls))
		g, ctx := errgroup.WithContext(ctx)
		g.SetLimit(k)
		for _, u := range urls {
			g.Go(func() error {
				b, err := fetch(ctx, u)
				results <- b
				return err
			})
		}
		err := g.Wait()
		close(results)
		var bodies [][]byte
		for b := range results {
			bodies = append(bodies, b)
		}
		return bodies, err
	}
	rejected(t, check.Download.Run(finishingOrder, quick), "in the order the downloads finished")
}

func TestDownloadRejectsNotCancellingTheRest(t *testing.T) {
	noCancel := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		bodies := make([][]byte, len(urls))
		var g errgroup.Group // no WithContext: an error cancels nothing
		g.SetLimit(k)
		for i, u := range urls {
			g.Go(func() (err error) {
				bodies[i], err = fetch(ctx, u)
				return err
			})
		}
		return bodies, g.Wait()
	}
	rejected(t, check.Download.Run(noCancel, quick), "nothing cancels them")
}

// neverStops cancels the downloads in flight on the first error, but starts
// every one that had not started yet all the same, each with a cancelled
// context.
func neverStops(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
	bodies := make([][]byte, len(urls))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(k)
	for i, u := range urls {
		g.Go(func() (err error) {
			bodies[i], err = fetch(ctx, u)
			return err
		})
	}
	return bodies, g.Wait()
}

func TestDownloadRejectsNeverStopping(t *testing.T) {
	r := check.Download.Run(neverStops, quick)
	rejected(t, r, "nothing stops the downloads that had not started yet")
	assert.Contains(t, r.Mistake.Got, "with 2 URLs not started yet; fetch was still called for 2 of them after it")
}

// TestDownloadRejectsCheckingTheContextOnlyBeforeGGo keeps the answer that
// checks the context in the loop: g.Go is then blocked waiting for a slot,
// gets the failed download's slot after the cancellation, and starts one
// more fetch with a cancelled context.
func TestDownloadRejectsCheckingTheContextOnlyBeforeGGo(t *testing.T) {
	checksTooEarly := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		bodies := make([][]byte, len(urls))
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(k)
		for i, u := range urls {
			if gctx.Err() != nil {
				break
			}
			g.Go(func() (err error) {
				bodies[i], err = fetch(gctx, u)
				return err
			})
		}
		if err := g.Wait(); err != nil {
			return nil, err
		}
		return bodies, ctx.Err()
	}
	r := check.Download.Run(checksTooEarly, quick)
	rejected(t, r, "in the loop before g.Go, the check passes, then g.Go waits for a free slot")
	assert.Contains(t, r.Mistake.Got, "with 2 URLs not started yet; fetch was still called for 1 of them after it")
}

func TestDownloadRejectsReturningTheFirstErrorByIndex(t *testing.T) {
	byIndex := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		bodies := make([][]byte, len(urls))
		errs := make([]error, len(urls))
		var g errgroup.Group
		g.SetLimit(k)
		for i, u := range urls {
			g.Go(func() error {
				bodies[i], errs[i] = fetch(ctx, u)
				if errs[i] != nil {
					cancel()
				}
				return nil
			})
		}
		_ = g.Wait()
		for _, err := range errs { // the first by index is URL 0's context.Canceled
			if err != nil {
				return nil, err
			}
		}
		return bodies, nil
	}
	rejected(t, check.Download.Run(byIndex, quick), "keep the first error")
}

func TestDownloadRejectsLeavingSendersBehind(t *testing.T) {
	type result struct {
		i    int
		body []byte
		err  error
	}
	type leftover struct {
		results  chan result
		spawner  *sync.WaitGroup
		started  *atomic.Int32
		received int
	}
	var (
		mu   sync.Mutex
		left []leftover
	)
	returnsEarly := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		results := make(chan result) // unbuffered, and not read to the end
		sem := make(chan struct{}, k)
		var spawner sync.WaitGroup
		var started atomic.Int32
		spawner.Go(func() {
			for i, u := range urls {
				select {
				case sem <- struct{}{}:
				case <-ctx.Done():
					return
				}
				started.Add(1)
				go func() {
					defer func() { <-sem }()
					body, err := fetch(ctx, u)
					results <- result{i, body, err}
				}()
			}
		})
		bodies := make([][]byte, len(urls))
		for received := range len(urls) {
			r := <-results
			if r.err != nil {
				mu.Lock()
				left = append(left, leftover{results, &spawner, &started, received + 1})
				mu.Unlock()
				return nil, r.err // the goroutines still running stay blocked on results <-
			}
			bodies[r.i] = r.body
		}
		spawner.Wait()
		return bodies, nil
	}
	r := check.Download.Run(returnsEarly, quick)
	// Receive what the goroutines the wrong answer left behind are trying to
	// send, so that this package ends clean.
	mu.Lock()
	for _, l := range left {
		l.spawner.Wait()
		for range int(l.started.Load()) - l.received {
			<-l.results
		}
	}
	mu.Unlock()
	rejected(t, r, "stuck sending its result")
}

func TestDownloadRejectsASharedSliceWithoutALock(t *testing.T) {
	racy := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		type indexed struct {
			i int
			b []byte
		}
		var got []indexed // appended to by every goroutine: a data race
		g, ctx := errgroup.WithContext(ctx)
		g.SetLimit(k)
		for i, u := range urls {
			g.Go(func() error {
				if ctx.Err() != nil {
					return ctx.Err() // right: no download after the first error
				}
				b, err := fetch(ctx, u)
				got = append(got, indexed{i, b})
				return err
			})
		}
		if err := g.Wait(); err != nil {
			return nil, err
		}
		slices.SortFunc(got, func(a, b indexed) int { return cmp.Compare(a.i, b.i) })
		bodies := make([][]byte, 0, len(got))
		for _, x := range got {
			bodies = append(bodies, x.b)
		}
		return bodies, nil
	}
	out := exercise.ExpectRace(t, func() { check.Download.Test(t, racy, quick) })
	raceExplained(t, out, "one slice they all append to", "a body was lost", "it returned")
}

// Sorting bodies collected in the order they finished looks right when the
// URLs are sorted: the check's are not.
func TestDownloadRejectsSortedBodies(t *testing.T) {
	sortedBodies := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		var mu sync.Mutex
		var bodies [][]byte
		g, ctx := errgroup.WithContext(ctx)
		g.SetLimit(k)
		for _, u := range urls {
			g.Go(func() error {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				b, err := fetch(ctx, u)
				mu.Lock()
				bodies = append(bodies, b)
				mu.Unlock()
				return err
			})
		}
		err := g.Wait()
		slices.SortFunc(bodies, bytes.Compare)
		return bodies, err
	}
	rejected(t, check.Download.Run(sortedBodies, quick), "the bodies are sorted, not in the order of the URLs")
}

// k workers share an index, read it, fetch, then advance it: the check
// holds the first fetch until k are in flight, so every worker fetches the
// first URL. (It is a data race too.)
func TestDownloadRejectsASharedIndexAdvancedLate(t *testing.T) {
	sharedIndex := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		bodies := make([][]byte, len(urls))
		next := 0
		g, ctx := errgroup.WithContext(ctx)
		for range k {
			g.Go(func() error {
				for next < len(urls) {
					i := next
					b, err := fetch(ctx, urls[i])
					if err != nil {
						return err
					}
					bodies[i] = b
					next++
				}
				return nil
			})
		}
		return bodies, g.Wait()
	}
	racy(t, func() { rejected(t, check.Download.Run(sharedIndex, quick), "workers that share an index (next)") })
}

// wg.Add inside the goroutine: the check runs Download on one processor,
// where the goroutines start only once it blocks, so its Wait runs first.
// (The check's own synchronisation orders the late writes after the
// return: the race detector has nothing to report.)
func TestDownloadRejectsAddInsideTheGoroutine(t *testing.T) {
	var done sync.WaitGroup
	defer done.Wait()
	addInside := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		bodies := make([][]byte, len(urls))
		errs := make([]error, len(urls))
		sem := make(chan struct{}, k)
		var wg sync.WaitGroup
		for i, u := range urls {
			done.Add(1)
			go func() {
				defer done.Done()
				wg.Add(1) // too late: Wait may have returned already
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				bodies[i], errs[i] = fetch(ctx, u)
			}()
		}
		wg.Wait()
		return bodies, errors.Join(errs...)
	}
	rejected(t, check.Download.Run(addInside, quick), "wg.Add(1) runs inside the goroutine")
}

// feederBlocks is a pool of k workers that return on the first error; the
// loop that hands them the URLs then waits to send with nobody receiving.
func TestDownloadRejectsAFeederStuckAfterTheWorkersLeft(t *testing.T) {
	var (
		mu    sync.Mutex
		nexts []chan int // drained once the check has given up: this test ends clean
		calls sync.WaitGroup
	)
	feederBlocks := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		calls.Add(1) // before Run returns: the check's call runs it at once
		defer calls.Done()
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		bodies := make([][]byte, len(urls))
		next := make(chan int)
		mu.Lock()
		nexts = append(nexts, next)
		mu.Unlock()
		var (
			wg    sync.WaitGroup
			fmu   sync.Mutex
			first error
		)
		for range k {
			wg.Go(func() {
				for i := range next {
					body, err := fetch(ctx, urls[i])
					if err != nil {
						fmu.Lock()
						first = cmp.Or(first, err)
						fmu.Unlock()
						cancel()
						return // the other URLs in next are nobody's now
					}
					bodies[i] = body
				}
			})
		}
		for i := range urls {
			next <- i // stuck once the workers have returned
		}
		close(next)
		wg.Wait()
		return bodies, first
	}
	r := check.Download.Run(feederBlocks, exercise.WithPatience(100*time.Millisecond))
	mu.Lock()
	var drains sync.WaitGroup
	for _, next := range nexts {
		drains.Go(func() {
			for range next {
			}
		})
	}
	mu.Unlock()
	calls.Wait()
	drains.Wait()
	rejected(t, r, "the loop that hands out the URLs is stuck sending the next one")
}

// A pool of k workers and an error channel: at the first error, Download
// cancels and returns at once, while the workers still finish their fetch.
// A cancelled fetch of the check's returns only once the answer waits for
// it, or has returned: this one has.
func TestDownloadRejectsReturningWhileTheCancelledFetchesStop(t *testing.T) {
	var workers sync.WaitGroup // the test's, so that none is left behind
	defer workers.Wait()
	returnsAtOnce := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		bodies := make([][]byte, len(urls))
		idx := make(chan int)
		errc := make(chan error, len(urls))
		var wg sync.WaitGroup // waited for on the way without an error only
		for range k {
			wg.Add(1)
			workers.Go(func() {
				defer wg.Done()
				for i := range idx {
					b, err := fetch(ctx, urls[i])
					if err != nil {
						errc <- err
						return
					}
					bodies[i] = b
				}
			})
		}
		for i := range urls {
			select {
			case idx <- i:
			case err := <-errc:
				close(idx)
				return nil, err // the others are still stopping
			}
		}
		close(idx)
		wg.Wait()
		select {
		case err := <-errc:
			return nil, err
		default:
			return bodies, nil
		}
	}
	rejected(t, check.Download.Run(returnsAtOnce, quick), "returning on the first error leaves the others running")
}

// semaphoreInGoroutines is a goroutine per URL that waits for a slot in a
// select on the semaphore and ctx.Done(); checkAfter adds the check of
// ctx.Err() once it has the slot, which the select alone does not give.
func semaphoreInGoroutines(checkAfter bool) func(context.Context, []string, int, fetchFunc) ([][]byte, error) {
	return func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		bodies := make([][]byte, len(urls))
		sem := make(chan struct{}, k)
		var wg sync.WaitGroup
		var once sync.Once
		var firstErr error
		for i, u := range urls {
			wg.Go(func() {
				select {
				case sem <- struct{}{}:
				case <-ctx.Done():
					return
				}
				defer func() { <-sem }()
				if checkAfter && ctx.Err() != nil {
					return
				}
				b, err := fetch(ctx, u)
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					return
				}
				bodies[i] = b
			})
		}
		wg.Wait()
		if firstErr != nil {
			return nil, firstErr
		}
		return bodies, nil
	}
}

// With a slot free and ctx done at once, select picks a case at random:
// the check's run where the first fetch fails at once, with one slot and
// the goroutines not yet running, makes that happen for many of them.
func TestDownloadRejectsASelectThatMayTakeASlotAfterTheCancellation(t *testing.T) {
	r := check.Download.Run(semaphoreInGoroutines(false), quick)
	rejected(t, r, "select picks one at random")
}

// The same with ctx checked once the slot is taken: right, in whatever order
// the goroutines take their slots (the broken URL need not be among the
// first k to begin).
func TestDownloadAcceptsASemaphoreInEachGoroutine(t *testing.T) {
	r := check.Download.Run(semaphoreInGoroutines(true))
	require.Equal(t, exercise.Passed, r.Status, r.Message)
}

// k workers that share an index, an atomic Load and then an Add: two that
// look for their next URL together take the same one. The bodies are kept
// under a lock, so there is no data race for the race detector to see:
// the check's round of many instant downloads on every processor shows a
// URL fetched twice; on one processor it cannot happen.
func TestDownloadRejectsAnIndexLoadedThenAdvanced(t *testing.T) {
	twoCPUs(t)
	loadThenAdd := func(ctx context.Context, urls []string, k int, fetch fetchFunc) ([][]byte, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		bodies := make([][]byte, len(urls))
		var (
			next     atomic.Int64
			mu       sync.Mutex
			firstErr error
			wg       sync.WaitGroup
		)
		for range k {
			wg.Go(func() {
				for {
					i := int(next.Load())
					if i >= len(urls) || ctx.Err() != nil {
						return
					}
					next.Add(1) // another worker may have loaded the same i meanwhile
					body, err := fetch(ctx, urls[i])
					mu.Lock()
					if err != nil && firstErr == nil {
						firstErr = err
						cancel()
					}
					bodies[i] = body
					mu.Unlock()
					if err != nil {
						return
					}
				}
			})
		}
		wg.Wait()
		if firstErr != nil {
			return nil, firstErr
		}
		return bodies, ctx.Err()
	}
	rejectedInSomeRun(t, func() exercise.Result { return check.Download.Run(loadThenAdd, quick) },
		"read it in one step and advance it in another")
}
