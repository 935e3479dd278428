package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	},
	Check: checkWorkerPool,
}

// errBadJob is the error the check's work returns for one job.
var errBadJob = errors.New("bad job")

const (
	poolJobs    = 6
	poolWorkers = 3
	poolBadJob  = 4
)

func checkWorkerPool(c *exercise.C, impl WorkerPoolFunc) {
	checkPoolResults(c, impl)
	checkPoolCancel(c, impl)
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
	g := newGate(poolWorkers, poolJobs)
	work := func(ctx context.Context, job int) (int, error) {
		h := g.enter(job, 1)
		defer g.leave(h)
		select {
		case <-h.release:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
		if job == poolBadJob {
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
	d := startDriver(g, c.Patience(), lastIn)
	defer d.finish()

	var got []threads.Result[int]
	c.Call(what+" and reading its results until the channel is closed",
		"the results channel is never closed: the sender closes it, so let one goroutine wait for every worker (wg.Wait()) and then close it",
		func() { got = drain(impl(context.Background(), jobs, poolWorkers, work)) })
	stalled := d.finish()
	peak, _, _ := g.stats()

	switch {
	case stalled && peak <= 1:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d jobs running at once, one per worker", poolWorkers),
			Got:      fmt.Sprintf("one at a time (waited %v for a second one)", c.Patience()),
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
	}
	c.NoGoroutinesLeft(snap, "WorkerPool",
		"a worker or the goroutine that closes the results is still running after the results channel was closed")

	seen := map[int]threads.Result[int]{}
	for _, r := range got {
		if _, dup := seen[r.Job]; dup {
			c.Fail(exercise.Mistake{
				Expected: "one result per job",
				Got:      fmt.Sprintf("job %d came back twice", r.Job),
				Likely:   "each worker must send one Result per job it takes",
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
	what := fmt.Sprintf("WorkerPool(ctx, jobs, %d workers, work) after ctx is cancelled, with jobs never closed", workers)
	jobs, stopFeeding := feed([]int{0, 1}, false)
	defer stopFeeding() // closes jobs: a pool that ignores ctx can then finish
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	work := func(_ context.Context, job int) (int, error) { return job * 10, nil }

	snap := c.Snapshot()
	var results <-chan threads.Result[int]
	c.Call("WorkerPool(ctx, jobs, 2 workers, work) and reading 2 results",
		"WorkerPool must return the results channel at once, and send a result for each job",
		func() {
			results = impl(ctx, jobs, workers, work)
			<-results
			<-results
		})
	cancel() // the workers are idle, waiting for a job
	c.Call(what, "after ctx was cancelled the results channel never closed: a worker still waits for a job "+
		"(jobs is never closed here). Wait in a select on ctx.Done() and the jobs channel",
		func() { drain(results) })
	c.NoGoroutinesLeft(snap, "WorkerPool", "a worker is still running after ctx was cancelled and the results channel closed")
	checkPoolCancelWhileSending(c, impl)
}

// checkPoolCancelWhileSending: nobody reads the results, so the workers
// wait to send. After the cancellation they must stop all the same.
func checkPoolCancelWhileSending(c *exercise.C, impl WorkerPoolFunc) {
	const workers = 2
	jobs, stopFeeding := feed([]int{0, 1}, false)
	defer stopFeeding()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	worked := make(chan struct{}, workers)
	work := func(_ context.Context, job int) (int, error) {
		worked <- struct{}{}
		return job * 10, nil
	}

	snap := c.Snapshot()
	var results <-chan threads.Result[int]
	c.Call("WorkerPool(ctx, jobs, 2 workers, work)", "WorkerPool must return the results channel at once and work in goroutines",
		func() { results = impl(ctx, jobs, workers, work) })
	defer func() { // let a pool stuck on its sends finish
		go drain(results)
	}()
	for range workers {
		select {
		case <-worked:
		case <-time.After(c.Patience()):
		}
	}
	cancel() // the workers want to send results that nobody reads
	c.NoGoroutinesLeft(snap, "WorkerPool",
		"a worker is stuck sending a result that nobody reads, after ctx was cancelled: "+
			"send in a select with ctx.Done(), so that a cancelled pool stops even when the reader has gone")
}
