package check

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// WorkerPoolFunc is the signature of exercise 4.
type WorkerPoolFunc func(ctx context.Context, jobs <-chan int, workers int, work func(ctx context.Context, job int) (int, error)) <-chan threads.Result[int]

// WorkerPool is exercise 4: a pool of worker goroutines that returns every
// result, failures included, on a channel that it closes when done, and
// that stops when its context is cancelled.
var WorkerPool = exercise.Exercise[WorkerPoolFunc]{
	Info: exercise.Info{
		Name:    "WorkerPool",
		File:    "lessons/02-threads/exercises/worker_pool.go",
		Section: readme + "#exercise-4-a-worker-pool-that-returns-every-result",
		Hint: "start workers goroutines with a WaitGroup; each loops on a select between ctx.Done() and a job from jobs " +
			"(return when jobs is closed), runs work and sends a Result (also in a select with ctx.Done()); " +
			"one more goroutine waits for the workers and closes the results channel",
		RaceSensitive: true,
		Race: "the workers share a variable with nothing ordering them: most often a count of running workers that the last " +
			"one out uses to close the results, or a wg.Add(1) inside the workers, which the closing goroutine's wg.Wait() " +
			"races with. Call wg.Add(1) before each go statement (or use wg.Go), and let one more goroutine wg.Wait() for " +
			"every worker, then close the results",
	},
	Check: checkWorkerPool,
}

// poolCtxKey marks the context the check gives WorkerPool, to see that
// work gets it (or one made from it).
type poolCtxKey struct{}

// errBadJob is the error the check's work returns for one job.
var errBadJob = errors.New("bad job")

const (
	poolJobs    = 6
	poolWorkers = 3
	poolBadJob  = 4
)

func checkWorkerPool(c *exercise.C, impl WorkerPoolFunc) {
	checkPoolResults(c, impl)
	checkPoolNoJobs(c, impl)
	checkPoolCancel(c, impl)
}

// checkPoolNoJobs: jobs is closed before WorkerPool starts, so every worker
// returns at once, and the results channel must close with no result. On one
// processor each worker runs to its end before the next starts: a count of
// running workers that each worker adds itself to reaches zero in each of
// them, and the second close of the results panics (a crash, which the
// course's check table explains).
func checkPoolNoJobs(c *exercise.C, impl WorkerPoolFunc) {
	jobs := make(chan int)
	close(jobs)
	var called atomic.Int32
	work := func(context.Context, int) (int, error) {
		called.Add(1)
		return 0, nil
	}
	snap := c.Snapshot()
	var results <-chan threads.Result[int]
	what := fmt.Sprintf("WorkerPool(ctx, jobs, %d workers, work) with jobs closed and empty", poolWorkers)
	callGivingWay(c, what, func() { results = impl(context.Background(), jobs, poolWorkers, work) })
	got, closed := receive(results, -1, c.Patience())
	if !closed {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the results channel of %s to close", what),
			Got:      fmt.Sprintf("%d results, and the channel still open %v later", len(got), c.Patience()),
			Likely:   "the results channel is closed only after a result is sent: close it once every worker has returned, whether or not they ran a job",
		})
	}
	if called.Load() > 0 || len(got) > 0 {
		c.Fail(exercise.Mistake{
			Expected: "no call of work and no result: there was no job",
			Got:      fmt.Sprintf("work called %d times, results %s", called.Load(), describeResults(got)),
			Likely:   "a worker runs a job it did not receive once jobs is closed: take each job with j, ok := <-jobs and return when ok is false (or range over jobs)",
		})
	}
	c.NoGoroutinesLeft(snap, "WorkerPool", "a worker or the goroutine that closes the results is still running after the results channel was closed")
}

// callGivingWay calls the answer through fn on one processor, and then
// gives way to the goroutines it started before the check goes on. They
// run the last one started first (a new goroutine takes the processor's
// next slot), each until it blocks or ends, as on a machine with one core.
func callGivingWay(c *exercise.C, what string, fn func()) {
	c.OnOneProcessor(func() {
		c.Call(what, returnAtOnce, func() {
			fn()
			// A Gosched may pick the global queue first (one time in 61),
			// where this goroutine has gone: the second then gives way.
			runtime.Gosched()
			runtime.Gosched()
		})
	})
}

// feed sends jobs on a new channel from its own goroutine, and closes the
// channel after the last one if closeAfter. stop ends it early (and closes
// the channel); wait waits for it.
func feed(jobs []int, closeAfter bool) (ch <-chan int, stop func()) {
	out := make(chan int)
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(out) // the sender closes
		for _, j := range jobs {
			select {
			case out <- j:
			case <-quit:
				return
			}
		}
		if !closeAfter {
			<-quit
		}
	}()
	stopped := false
	return out, func() {
		if !stopped {
			stopped = true
			close(quit)
		}
		<-done
	}
}

// returnAtOnce is the likely mistake when WorkerPool does not return.
const returnAtOnce = "WorkerPool must start the workers and return the results channel at once, without waiting for them: " +
	"the caller reads the results while the workers run (a WorkerPool that waits for its workers before it returns " +
	"waits for ever, since nobody reads their results yet)"

// receive reads results for at most bound: until the channel is closed,
// or, if n >= 0, until n results have arrived. done reports whether that
// happened in time.
func receive(results <-chan threads.Result[int], n int, bound time.Duration) (got []threads.Result[int], done bool) {
	timer := time.NewTimer(bound)
	defer timer.Stop()
	for n < 0 || len(got) < n {
		select {
		case r, ok := <-results:
			if !ok {
				return got, n < 0
			}
			got = append(got, r)
		case <-timer.C:
			return got, false
		}
	}
	return got, true
}

// drain reads results until the channel is closed.
func drain(results <-chan threads.Result[int]) []threads.Result[int] {
	var got []threads.Result[int]
	for r := range results {
		got = append(got, r)
	}
	return got
}

func checkPoolResults(c *exercise.C, impl WorkerPoolFunc) {
	what := fmt.Sprintf("WorkerPool(ctx, %d jobs, %d workers, work)", poolJobs, poolWorkers)
	g := exercise.NewGate(c, poolWorkers, poolJobs)
	var failedAt atomic.Int32 // calls returned before the bad job's, +1 (0: not yet)
	cw := newCloseWatch(c)
	var otherCtx atomic.Bool // work got a context that is not WorkerPool's
	work := func(ctx context.Context, job int) (int, error) {
		if ctx.Value(poolCtxKey{}) == nil {
			otherCtx.Store(true)
		}
		cw.running.Add(1)
		h := g.Enter(job, 1)
		select {
		case <-h.Released():
		case <-ctx.Done():
			g.Leave(h)
			cw.running.Add(-1)
			return 0, ctx.Err()
		}
		if cw.closed() {
			cw.heldForever()
		}
		defer cw.running.Add(-1)
		defer g.Leave(h)
		if job == poolBadJob {
			failedAt.Store(int32(g.Stats().Returned) + 1)
			return 0, fmt.Errorf("job %d: %w", job, errBadJob)
		}
		return job * 10, nil
	}
	all := make([]int, poolJobs)
	for i := range all {
		all[i] = i
	}
	jobs, stopFeeding := feed(all, true)
	defer stopFeeding()
	snap := c.Snapshot()
	d := g.Drive(exercise.HighestKeyFirst)
	defer d.Finish()

	var (
		results <-chan threads.Result[int]
		got     []threads.Result[int]
		closed  bool
	)
	ctx := context.WithValue(context.Background(), poolCtxKey{}, true)
	// The goroutine that closes the results, started last in most answers,
	// runs first: one that waits for workers that call wg.Add(1) themselves
	// finds nothing to wait for.
	callGivingWay(c, what, func() {
		results = impl(ctx, jobs, poolWorkers, work)
		cw.returned(results)
	})
	// A stalled driver waits out one patience, then lets the jobs through.
	got, closed = receive(results, -1, 3*c.Patience())
	if closed {
		d.Finish()
		cw.closedEarly(len(got))
	}
	got = append(got, cw.taken()...)
	if !closed {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the results channel of %s to close once the result of every job has been sent (jobs is closed after the last job)", what),
			Got:      fmt.Sprintf("%d results arrived, and the channel was still open %v after WorkerPool returned", len(got), 3*c.Patience()),
			Likely:   "the results channel is never closed: the sender closes it, so let one goroutine wait for every worker (wg.Wait()) and then close it",
		})
	}
	stalled := d.Finish()
	stats := g.Stats()
	peak := stats.Peak
	afterFailure := failedAt.Load() > 0 && stats.StalledAt >= int(failedAt.Load())

	switch {
	case stalled && peak <= 1:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d jobs running at once, one per worker", poolWorkers),
			Got:      "one at a time: with one job running, it started no other",
			Likely:   "the jobs run one after the other: start workers goroutines that each take jobs from the channel",
		})
	case stalled && peak < poolWorkers:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d jobs running at once", poolWorkers),
			Got:      fmt.Sprintf("at most %d at once", peak),
			Likely:   "fewer workers than asked for: start exactly workers goroutines",
		})
	case peak > poolWorkers:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most %d jobs running at once", poolWorkers),
			Got:      fmt.Sprintf("%d at once", peak),
			Likely:   "a goroutine per job is not a pool: start workers goroutines that share the jobs channel",
		})
	case stalled && afterFailure:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d jobs running at once as long as jobs are left, also after one fails", poolWorkers),
			Got:      fmt.Sprintf("after job %d failed, fewer than %d jobs ran at once while jobs were waiting", poolBadJob, poolWorkers),
			Likely: "a worker stops when its job fails: a failed job's Result is a result like any other. Send it, then take " +
				"the next job; only a cancelled ctx or a closed jobs channel ends a worker",
		})
	case stalled:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d jobs running at once as long as jobs are left", poolWorkers),
			Got:      fmt.Sprintf("at first %d at once, then fewer while jobs were waiting", peak),
			Likely:   "a worker returns before the jobs channel is closed: each worker loops, taking jobs until jobs is closed or ctx is cancelled",
		})
	}
	c.NoGoroutinesLeft(snap, "WorkerPool",
		"a worker or the goroutine that closes the results is still running after the results channel was closed")
	if otherCtx.Load() {
		c.Fail(exercise.Mistake{
			Expected: "work called with WorkerPool's ctx (or one made from it)",
			Got:      "work got a context that does not come from WorkerPool's ctx",
			Likely: "work is called with context.Background() (or another new context): pass it the ctx WorkerPool " +
				"was given, so that cancelling the pool reaches the jobs running",
		})
	}

	seen := map[int]threads.Result[int]{}
	for _, r := range got {
		if _, dup := seen[r.Job]; dup {
			c.Fail(exercise.Mistake{
				Expected: "one result per job",
				Got:      fmt.Sprintf("job %d came back twice", r.Job),
				Likely: "each worker must send one Result per job it takes; if yours does, the workers share one Result " +
					"variable (declared outside the worker's loop, or outside the workers), and one overwrites it before " +
					"another sends it: make the Result inside the loop, from the job and what work returned",
			})
		}
		seen[r.Job] = r
	}
	if bad, ok := seen[poolBadJob]; !ok || !errors.Is(bad.Err, errBadJob) {
		likely := "the failed job's result was dropped: send a Result with Err set for a job that fails, the caller wants every result"
		if ok {
			likely = "keep the error that work returned in the Result's Err"
		}
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("job %d's result with its error (%v)", poolBadJob, errBadJob),
			Got:      fmt.Sprintf("results %s", describeResults(got)),
			Likely:   likely,
		})
	}
	for j := range poolJobs {
		r, ok := seen[j]
		if !ok {
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("a result for each of the %d jobs", poolJobs),
				Got:      fmt.Sprintf("no result for job %d; got %s", j, describeResults(got)),
				Likely:   "a result was lost: every job's Result must be sent before its worker returns, and the channel closed only after every worker has returned",
			})
		}
		if j != poolBadJob && (r.Err != nil || r.Value != j*10) {
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("job %d: value %d, no error", j, j*10),
				Got:      fmt.Sprintf("value %d, error %v", r.Value, r.Err),
				Likely:   "set Job, Value and Err from the job and what work returned for it",
			})
		}
	}
}

func describeResults(rs []threads.Result[int]) string {
	sorted := slices.Clone(rs)
	slices.SortFunc(sorted, func(a, b threads.Result[int]) int { return a.Job - b.Job })
	s := "["
	for i, r := range sorted {
		if i > 0 {
			s += " "
		}
		if r.Err != nil {
			s += fmt.Sprintf("%d:error", r.Job)
		} else {
			s += fmt.Sprintf("%d:%d", r.Job, r.Value)
		}
	}
	return s + "]"
}

// checkPoolCancel: the jobs channel stays open, the two jobs finish and
// their results are read, so the workers wait for a job that will not come.
// After the cancellation they must stop, and the results channel close.
func checkPoolCancel(c *exercise.C, impl WorkerPoolFunc) {
	const workers = 2
	jobs, stopFeeding := feed([]int{0, 1}, false)
	defer stopFeeding() // closes jobs: a pool that ignores ctx can then finish
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	work := func(_ context.Context, job int) (int, error) { return job * 10, nil }

	snap := c.Snapshot()
	var results <-chan threads.Result[int]
	what := fmt.Sprintf("WorkerPool(ctx, jobs, %d workers, work)", workers)
	c.Call(what, returnAtOnce, func() { results = impl(ctx, jobs, workers, work) })
	if got, _ := receive(results, 2, c.Patience()); len(got) < 2 {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the results of the 2 jobs fed to %s", what),
			Got:      fmt.Sprintf("%d results within %v", len(got), c.Patience()),
			Likely:   "send a Result for each job as soon as work returns, from the workers' goroutines",
		})
	}
	cancel() // the workers are idle, waiting for a job
	// A pool that never stops ends when stopFeeding closes jobs.
	if _, closed := receive(results, -1, c.Patience()); !closed {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the results channel of %s to close once ctx is cancelled, although jobs is never closed", what),
			Got:      fmt.Sprintf("it was still open %v after the cancellation", c.Patience()),
			Likely: "a worker still waits for a job, and only a closed jobs channel would end its wait. " +
				"Wait in a select on ctx.Done() and the jobs channel",
		})
	}
	c.NoGoroutinesLeft(snap, "WorkerPool", "a worker is still running after ctx was cancelled and the results channel closed")
	checkPoolCancelWhileSending(c, impl)
}

// checkPoolCancelWhileSending: nobody reads the results, and there are
// more jobs than any buffer of the results holds, so the workers end up
// waiting to send. After the cancellation they must stop all the same.
func checkPoolCancelWhileSending(c *exercise.C, impl WorkerPoolFunc) {
	const workers = 2
	many := make([]int, 1024) // more than a results buffer of any sensible size
	for i := range many {
		many[i] = i
	}
	jobs, stopFeeding := feed(many, false)
	defer stopFeeding()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var worked atomic.Int32
	work := func(_ context.Context, job int) (int, error) {
		worked.Add(1)
		return job * 10, nil
	}

	snap := c.Snapshot()
	var results <-chan threads.Result[int]
	c.Call(fmt.Sprintf("WorkerPool(ctx, jobs, %d workers, work)", workers), returnAtOnce,
		func() { results = impl(ctx, jobs, workers, work) })
	defer func() { // let a pool stuck on its sends finish
		go drain(results)
	}()
	// Once the workers have run jobs and the answer has settled, every
	// worker waits to send a result: the results channel is full.
	c.Await(func() bool { return worked.Load() >= workers })
	c.Settle()
	cancel() // the workers want to send results that nobody reads
	c.NoGoroutinesLeft(snap, "WorkerPool",
		"a worker is stuck sending a result that nobody reads, after ctx was cancelled: "+
			"send in a select with ctx.Done(), so that a cancelled pool stops even when the reader has gone")
}
