package check_test

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
	"github.com/gophertutor/concurrency/lessons/02-threads/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Each test here keeps a wrong answer a learner might write and shows that
// its check rejects it, for the right reason. Wrong answers that only the
// race detector can see run under exercise.ExpectRace.

func TestMain(m *testing.M) { check.Main(m) }

// quick is the patience for wrong answers: they are rejected whatever the
// patience, so there is no reason to wait long. The call bound stays long:
// a wrong answer that runs its tasks one after the other waits out the
// patience once per task, and on a busy machine that adds up to more than
// the default bound (three patiences), which would then reject it for
// being stuck instead of for its real mistake.
var quick = exercise.Options(exercise.WithPatience(100*time.Millisecond), exercise.WithCallBound(3*time.Second))

func rejected(t *testing.T, r exercise.Result, likely string) {
	t.Helper()
	require.Equal(t, exercise.Failed, r.Status, "the check should reject this answer; it said:\n%s", r.Message)
	assert.Contains(t, r.Mistake.Likely, likely, "the check rejected it for another reason:\n%s", r.Message)
	t.Log("\n" + r.Message)
}

type fetchFunc = func(ctx context.Context, url string) ([]byte, error)

// --- exercise 1: Download ---

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
	exercise.ExpectRace(t, func() { check.Download.Run(racy, quick) })
}

// --- exercise 2: Tally ---

// theStub is the code of the exercise's stub without its TODO: the data
// race it asks to fix.
func theStub(files []string, workers int, size func(string) int64) (count int, total, largest int64) {
	queue := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for file := range queue {
				n := size(file)
				count++
				total += n
				if n > largest {
					largest = n
				}
			}
		})
	}
	for _, file := range files {
		queue <- file
	}
	close(queue)
	wg.Wait()
	return count, total, largest
}

func TestTallyRejectsTheStubAsGiven(t *testing.T) {
	exercise.ExpectRace(t, func() { check.Tally.Run(theStub, quick) })
}

func TestTallyRejectsAMutexPerWorker(t *testing.T) {
	mutexPerWorker := func(files []string, workers int, size func(string) int64) (count int, total, largest int64) {
		queue := make(chan string)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				var mu sync.Mutex // each worker locks its own mutex: it guards nothing
				for file := range queue {
					n := size(file)
					mu.Lock()
					count++
					total += n
					largest = max(largest, n)
					mu.Unlock()
				}
			})
		}
		for _, file := range files {
			queue <- file
		}
		close(queue)
		wg.Wait()
		return count, total, largest
	}
	exercise.ExpectRace(t, func() { check.Tally.Run(mutexPerWorker, quick) })
}

func TestTallyRejectsAtomicsWithAnUnguardedLargest(t *testing.T) {
	halfAtomic := func(files []string, workers int, size func(string) int64) (int, int64, int64) {
		var count, total atomic.Int64
		var largest int64
		queue := make(chan string)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for file := range queue {
					n := size(file)
					count.Add(1)
					total.Add(n)
					if n > largest { // still a data race
						largest = n
					}
				}
			})
		}
		for _, file := range files {
			queue <- file
		}
		close(queue)
		wg.Wait()
		return int(count.Load()), total.Load(), largest
	}
	exercise.ExpectRace(t, func() { check.Tally.Run(halfAtomic, quick) })
}

func TestTallyRejectsLockingAroundTheWork(t *testing.T) {
	lockedSize := func(files []string, workers int, size func(string) int64) (count int, total, largest int64) {
		var mu sync.Mutex
		queue := make(chan string)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for file := range queue {
					mu.Lock() // size runs under the lock: one file at a time
					n := size(file)
					count++
					total += n
					largest = max(largest, n)
					mu.Unlock()
				}
			})
		}
		for _, file := range files {
			queue <- file
		}
		close(queue)
		wg.Wait()
		return count, total, largest
	}
	// One file at a time is slow under -race: give it time to finish, so
	// that it is rejected for running sequentially and not for running long.
	rejected(t, check.Tally.Run(lockedSize, exercise.WithPatience(500*time.Millisecond)), "the fix made the work sequential")
}

// --- exercise 3: FinishEarly ---

type runFunc = func(ctx context.Context, task int)

func TestFinishEarlyRejectsOneAfterTheOther(t *testing.T) {
	sequential := func(ctx context.Context, units []int, _ int, run runFunc) {
		for i := range units {
			run(ctx, i)
		}
	}
	rejected(t, check.FinishEarly.Run(sequential, quick), "one after the other")
}

func TestFinishEarlyRejectsAGoroutinePerTask(t *testing.T) {
	unbounded := func(ctx context.Context, units []int, _ int, run runFunc) {
		var wg sync.WaitGroup
		for i := range units {
			wg.Go(func() { run(ctx, i) })
		}
		wg.Wait()
	}
	rejected(t, check.FinishEarly.Run(unbounded, quick), "a goroutine per task")
}

// queueInOrder is a correct pool on a shared queue, taking the tasks in
// the given order.
func queueInOrder(ctx context.Context, units []int, workers int, run runFunc) {
	queue := make(chan int, len(units))
	for i := range units {
		queue <- i
	}
	close(queue)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range queue {
				run(ctx, i)
			}
		})
	}
	wg.Wait()
}

func TestFinishEarlyRejectsTheGivenOrder(t *testing.T) {
	r := check.FinishEarly.Run(queueInOrder, quick)
	rejected(t, r, "taken in the order given")
	assert.Equal(t, "it finished at 6 units: task 0 (1 unit) started at 0, while task 3 (4 units) waited until 2; the tasks started in the order given", r.Mistake.Got)
}

func TestFinishEarlyRejectsAListPerWorker(t *testing.T) {
	contiguous := func(ctx context.Context, units []int, workers int, run runFunc) {
		var wg sync.WaitGroup
		for w := range workers {
			lo, hi := w*len(units)/workers, (w+1)*len(units)/workers
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					run(ctx, i)
				}
			})
		}
		wg.Wait()
	}
	rejected(t, check.FinishEarly.Run(contiguous, quick), "divided")
}

// TestFinishEarlyRejectsSortedListsPerWorker keeps the answer that sorts
// longest first, then deals the tasks out in turn into a list per worker.
// On [1 2 3 4] with 2 workers it finishes at 6 units, as the queue in the
// given order does; the order in which the tasks started tells the two
// apart.
func TestFinishEarlyRejectsSortedListsPerWorker(t *testing.T) {
	dealt := func(ctx context.Context, units []int, workers int, run runFunc) {
		order := make([]int, len(units))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(units[b], units[a]) })
		lists := make([][]int, workers)
		for n, task := range order {
			lists[n%workers] = append(lists[n%workers], task)
		}
		var wg sync.WaitGroup
		for _, list := range lists {
			wg.Go(func() {
				for _, task := range list {
					run(ctx, task)
				}
			})
		}
		wg.Wait()
	}
	r := check.FinishEarly.Run(dealt, quick)
	rejected(t, r, "sorted longest first, then divided before the start, a list per worker (dealt out in turn)")
	assert.Equal(t, "it finished at 6 units: task 0 (1 unit) started at 3, while task 1 (2 units) waited until 4; the longest tasks started first", r.Mistake.Got)
	assert.NotContains(t, r.Message, "taken in the order given")
}

func TestFinishEarlyRejectsNotWaiting(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait() // this test waits for what the wrong answer does not
	noWait := func(ctx context.Context, units []int, workers int, run runFunc) {
		wg.Go(func() { queueInOrder(ctx, units, workers, run) }) // and returns at once
	}
	rejected(t, check.FinishEarly.Run(noWait, quick), "nothing waits for the workers")
}

func TestFinishEarlyRejectsRunningATaskTwice(t *testing.T) {
	twice := func(ctx context.Context, units []int, workers int, run runFunc) {
		queueInOrder(ctx, append(slices.Clone(units), units...), workers, func(ctx context.Context, i int) { run(ctx, i%max(len(units), 1)) })
	}
	rejected(t, check.FinishEarly.Run(twice, quick), "run each index of units once")
}

// --- exercise 4: WorkerPool ---

type workFunc = func(ctx context.Context, job int) (int, error)

// pool is a worker pool with the mistakes a learner may make switched on.
type pool struct {
	workers      func(asked int) int
	dropFailed   bool
	ignoreCtx    bool // waits for jobs without watching ctx
	blockingSend bool // sends results without watching ctx
	neverClose   bool
	goPerJob     bool
	mu           sync.Mutex
	unclosed     []func() // closes what a neverClose pool left open
	afterReturn  sync.WaitGroup
}

func (p *pool) run(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
	results := make(chan threads.Result[int])
	var wg sync.WaitGroup
	worker := func(job int) bool {
		v, err := work(ctx, job)
		if err != nil && p.dropFailed {
			return true
		}
		if p.blockingSend {
			results <- threads.Result[int]{Job: job, Value: v, Err: err}
			return true
		}
		select {
		case results <- threads.Result[int]{Job: job, Value: v, Err: err}:
			return true
		case <-ctx.Done():
			return false
		}
	}
	if p.goPerJob {
		wg.Go(func() {
			var each sync.WaitGroup
			for job := range jobs {
				each.Go(func() { worker(job) })
			}
			each.Wait()
		})
	} else {
		for range p.workers(workers) {
			wg.Go(func() {
				for {
					var job int
					if p.ignoreCtx {
						j, ok := <-jobs
						if !ok {
							return
						}
						job = j
					} else {
						select {
						case <-ctx.Done():
							return
						case j, ok := <-jobs:
							if !ok {
								return
							}
							job = j
						}
					}
					if !worker(job) {
						return
					}
				}
			})
		}
	}
	if p.neverClose {
		p.mu.Lock()
		p.unclosed = append(p.unclosed, func() {
			wg.Wait()
			close(results)
		})
		p.mu.Unlock()
		return results
	}
	p.afterReturn.Go(func() {
		wg.Wait()
		close(results)
	})
	return results
}

// release closes the channels a neverClose pool left open, so that the
// check's reader ends.
func (p *pool) release() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, closeIt := range p.unclosed {
		closeIt()
	}
	p.unclosed = nil
}

func asked(n int) int { return n }

func TestWorkerPoolAcceptsTheTestsOwnPool(t *testing.T) {
	p := &pool{workers: asked}
	r := check.WorkerPool.Run(p.run)
	p.afterReturn.Wait()
	require.Equal(t, exercise.Passed, r.Status, r.Message)
}

func TestWorkerPoolRejectsOneWorker(t *testing.T) {
	p := &pool{workers: func(int) int { return 1 }}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "one after the other")
}

func TestWorkerPoolRejectsAGoroutinePerJob(t *testing.T) {
	p := &pool{goPerJob: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "a goroutine per job")
}

func TestWorkerPoolRejectsDroppingFailedJobs(t *testing.T) {
	p := &pool{workers: asked, dropFailed: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "the failed job's result was dropped")
}

func TestWorkerPoolRejectsNeverClosingTheResults(t *testing.T) {
	p := &pool{workers: asked, neverClose: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.release()
	rejected(t, r, "the sender closes it")
	assert.Equal(t, "the results channel of WorkerPool(ctx, 6 jobs, 3 workers, work) to close once the result of every job has been sent (jobs is closed after the last job)",
		r.Mistake.Expected)
}

func TestWorkerPoolRejectsWaitingForTheWorkersBeforeReturning(t *testing.T) {
	var (
		mu       sync.Mutex
		channels []chan threads.Result[int]
	)
	waits := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int])
		mu.Lock()
		channels = append(channels, results)
		mu.Unlock()
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for job := range jobs {
					v, err := work(ctx, job)
					results <- threads.Result[int]{Job: job, Value: v, Err: err} // nobody reads yet
				}
			})
		}
		wg.Wait() // waits for ever: the workers wait for a reader
		close(results)
		return results
	}
	r := check.WorkerPool.Run(waits, quick)
	// Read what the stuck workers are sending, so that they and the
	// check's call of WorkerPool can end and the package ends clean.
	mu.Lock()
	for _, ch := range channels {
		for range ch {
		}
	}
	mu.Unlock()
	rejected(t, r, "return the results channel at once")
	assert.Equal(t, "WorkerPool(ctx, 6 jobs, 3 workers, work) to return", r.Mistake.Expected)
}

func TestWorkerPoolRejectsIgnoringTheContext(t *testing.T) {
	p := &pool{workers: asked, ignoreCtx: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "Wait in a select on ctx.Done() and the jobs channel")
	assert.Equal(t, "the results channel of WorkerPool(ctx, jobs, 2 workers, work) to close once ctx is cancelled, although jobs is never closed",
		r.Mistake.Expected)
	assert.Equal(t, "it was still open 100ms after the cancellation", r.Mistake.Got)
}

func TestWorkerPoolRejectsSendingWithoutWatchingTheContext(t *testing.T) {
	p := &pool{workers: asked, blockingSend: true}
	r := check.WorkerPool.Run(p.run, quick)
	p.afterReturn.Wait()
	rejected(t, r, "send in a select with ctx.Done()")
}

func TestWorkerPoolRejectsARacyCountOfWorkers(t *testing.T) {
	racy := func(ctx context.Context, jobs <-chan int, workers int, work workFunc) <-chan threads.Result[int] {
		results := make(chan threads.Result[int], 16)
		running := workers
		for range workers {
			go func() {
				defer func() {
					running-- // a data race: the last one out closes
					if running == 0 {
						close(results)
					}
				}()
				for job := range jobs {
					v, err := work(ctx, job)
					results <- threads.Result[int]{Job: job, Value: v, Err: err}
				}
			}()
		}
		return results
	}
	exercise.ExpectRace(t, func() { check.WorkerPool.Run(racy, quick) })
}

// --- all exercises ---

// TestRaceSensitiveExercises: an exercise whose classic mistake only the
// race detector sees is marked RaceSensitive, so that a pass without -race
// says to run -race, and a race report under -race is explained.
func TestRaceSensitiveExercises(t *testing.T) {
	sensitive := map[string]bool{}
	for _, ex := range check.All() {
		sensitive[ex.Name] = ex.RaceSensitive
	}
	assert.Equal(t, map[string]bool{"Download": true, "Tally": true, "FinishEarly": false, "WorkerPool": true}, sensitive)
}

func TestEveryExerciseHasItsFileAndSection(t *testing.T) {
	exercise.VerifyInfos(t, "../../..", check.All())
}
