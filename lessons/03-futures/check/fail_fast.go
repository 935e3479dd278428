package check

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// FailFastFunc is the signature of exercise 2. results maps the index in
// jobs of each job that completed before the first error to its result.
type FailFastFunc func(ctx context.Context, ex futures.Executor, job *processes.Func[int, int], jobs []int) (results map[int]int, err error)

// FailFast is exercise 2: run a batch; at the first error cancel what is
// pending and stop what runs, and return the results that came before it,
// with that error.
var FailFast = exercise.Exercise[FailFastFunc]{
	Info: exercise.Info{
		Name: "FailFast",
		File: "lessons/03-futures/exercises/fail_fast.go",
		// Results and errors gathered in done-callbacks, which run on the
		// executor's goroutines: a lost one shows only when two meet.
		RaceSensitive: true,
		Race: "the done-callbacks (or goroutines of yours) write results, errors or a count that the others, or FailFast " +
			"itself, read with nothing ordering them: callbacks run on the executor's goroutines, several at once. Take the " +
			"futures' outcomes in FailFast's own goroutine (futures.AsCompleted, or Wait with FirstException), or guard what " +
			"the callbacks share with a mutex",
		Section: readme + "#exercise-2-stop-at-the-first-error-keep-what-came-before",
		Hint: "submit every job; done, notDone, _ := futures.Wait(ctx, fs, futures.FirstError); Stop every future in " +
			"notDone and futures.Wait for them (AllCompleted); then the results are those of done without an error, " +
			"and the error is the one future of done that failed",
	},
	Check: checkFailFast,
}

var (
	failFastJobs    = []int{4, 7, 2, 5, 1, 8, 3, 6}
	failFastWorkers = 4
)

// failFastRun is what the driver of exercise 2 saw.
type failFastRun struct {
	waited  // how it first waited
	starved bool
	failed  int // the index of the job the driver made fail, or -1
	seen    int // the calls that had arrived once the code had seen the error
	ranOn   int // after the error, tasks running that the code never stopped while it waited on
	left        // what it left running, if it returned while the driver watched
}

// driveFailFast releases two held calls with their results (the one with
// the highest index, then the lowest), then makes the held call with the
// highest index fail: the calls it stops have lower indexes, so the first
// error by index is not the one that came first. Then it lets stopped
// tasks finish while the code waits for them.
func driveFailFast(s *stage, sc *scene, patience time.Duration) (r failFastRun) {
	defer s.open()
	r.failed, r.seen = -1, -1
	for step := 0; ; {
		if !sc.settle(patience) {
			r.unsettled = true
			return r
		}
		l := s.look()
		if step == 0 {
			r.first = len(l.held)
		}
		switch {
		case l.returned:
			r.left = leftAt(l)
			if r.seen < 0 {
				r.seen = l.arrived
			}
			return r
		case step < 3 && len(l.held) == 0:
			r.starved = true
			return r
		case step < 2:
			choose := lowest
			if step == 0 {
				choose = highest
			}
			s.decide(choose(l.held), nil)
			step++
		case step == 2:
			c := highest(l.held)
			r.failed = c.index
			s.decide(c, fmt.Errorf("job %d: %w", c.job, ErrJobFailed))
			step++
		default:
			if r.seen < 0 {
				r.seen = l.arrived // the code has done what it does about the error
			}
			if len(l.stopping) > 0 {
				s.letGo(l.stopping)
				continue
			}
			r.ranOn = len(l.held)
			return r
		}
	}
}

func checkFailFast(c *exercise.C, impl FailFastFunc) {
	checkFailFastError(c, impl)
	checkFailFastSuccess(c, impl)
}

func checkFailFastError(c *exercise.C, impl FailFastFunc) {
	jobs := failFastJobs
	what := fmt.Sprintf("FailFast(ctx, ex, job, %v)", jobs)
	const workers = "check03.FailFast"
	pool, err := futures.NewThreadPool(failFastWorkers, futures.WithNamePrefix(workers))
	if err != nil {
		panic(err)
	}
	defer pool.Close()
	s := newStage(jobs, workers)
	unstagedBefore := unstaged.Load()
	snap := c.Snapshot()
	sc := newScene()
	begin, wait := startDriver(func() failFastRun { return driveFailFast(s, sc, c.Patience()) })
	defer func() {
		s.open()
		wait()
	}()
	var results map[int]int
	c.Call(what, "it never returns: does it wait for a future that never finishes, or read a channel nobody closes?",
		func() {
			begin()
			results, err = impl(s.context(context.Background()), pool, Job, slices.Clone(jobs))
			s.markReturned()
		})
	r := wait()

	s.usage(c, "FailFast", unstagedBefore)
	stillOpen(c, pool, "FailFast")
	if err := pool.Close(); err != nil {
		panic(err)
	}
	after := 0
	if r.seen >= 0 {
		after = s.arrivedAfter(r.seen)
	}
	values, indexes := s.results()
	want := map[int]int{}
	for i, idx := range indexes {
		if i < 2 {
			want[idx] = values[i]
		}
	}

	switch {
	case r.waited.judge(c, what, failFastWorkers, len(jobs), // it polled, or submitted a job at a time
		"a loop that polls (IsDone, a select with a default) instead of waiting: block on futures.Wait or futures.AsCompleted",
		"it submits a job and waits for it before the next: submit them all, then wait with futures.FirstError"):
	case r.starved:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%s to submit all %d jobs before it waits", what, len(jobs)),
			Got:      "it waited with " + plural(s.look().results, "result") + " and no task running",
			Likely:   "submit every job first, keep the futures, then wait for them",
		})
	case r.ranOn > 0:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%s to stop the other tasks at the first error (job %d's)", what, jobs[r.failed]),
			Got: fmt.Sprintf("after job %d failed it went on waiting, for %s it never stopped; "+
				"when the check let them finish, %s started", jobs[r.failed], plural(r.ranOn, "running task"), plural(after, "more task")),
			Likely: "it runs everything to the end (futures.Wait with AllCompleted, or Result on each future in turn): " +
				"wait with futures.FirstError, then Stop every future not done",
		})
	}
	checkFailFastCause(c, what, err, jobs, r.failed)
	if !maps.Equal(results, want) {
		likely := "return the result of each job that completed before the error, at its index in jobs"
		switch {
		case len(results) < len(want):
			likely = "the results that completed before the error were lost: an error does not cancel them; " +
				"return them with the error"
		case len(results) > len(want):
			likely = "only the futures that completed without an error have a result: a stopped or cancelled one's " +
				"Result is a zero value with an error"
		}
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the results %v (index: result) of the jobs that completed before the error", want),
			Got:      fmt.Sprint(results),
			Likely:   likely,
		})
	}
	if !r.left.judge(c, what, leftLikely{
		pendingToo: "only the running tasks were stopped: Stop every future not done, pending ones too (Stop cancels a " +
			"pending task), then wait for them all",
		running: "Cancel only cancels a task that has not started, and a pool's Shutdown with CancelPending leaves the " +
			"running ones too: Stop every future not done (it cancels a running task's context), then wait for them",
		notWaited: "Stop asks a task to stop; it has stopped when its future is done: futures.Wait(ctx, notDone, futures.AllCompleted) after the Stops",
	}) && after > 0 {
		c.Fail(exercise.Mistake{
			Expected: "no task to start once " + what + " had seen the error",
			Got:      fmt.Sprintf("%s pending at the error started later", plural(after, "task")),
			Likely:   "the pending tasks were never cancelled: Stop (or Cancel) every future not done, pending ones too",
		})
	}
	c.NoGoroutinesLeft(snap, "FailFast", "a goroutine waits for a future or a channel that nobody completes")
}

// checkFailFastCause checks that err is the error that came first, the
// failed job's.
func checkFailFastCause(c *exercise.C, what string, err error, jobs []int, failed int) {
	if failed < 0 {
		return
	}
	cause := fmt.Sprintf("job %d: %v", jobs[failed], ErrJobFailed)
	switch {
	case err == nil:
		c.Fail(exercise.Mistake{
			Expected: what + " to return the error of job " + fmt.Sprint(jobs[failed]) + ": " + cause,
			Got:      "no error",
			Likely:   "the failed future's error was dropped: return it with the results",
		})
	case errors.Is(err, ErrJobFailed):
		return
	case errors.Is(err, futures.ErrStopped) || errors.Is(err, futures.ErrCancelled) || errors.Is(err, context.Canceled):
		c.Fail(exercise.Mistake{
			Expected: "the error that came first: " + cause,
			Got:      "the error " + err.Error(),
			Likely: "that is the error of a task FailFast stopped (or cancelled) itself, after the real one: keep the error " +
				"of the future that failed first (the one futures.Wait with FirstError returned for), not the first by index",
		})
	default:
		c.Fail(exercise.Mistake{
			Expected: "the error that came first, wrapped or as it is (errors.Is finds it): " + cause,
			Got:      "the error " + err.Error(),
			Likely:   "the cause was lost: return the failed future's error, or wrap it with %w, not %v",
		})
	}
}

// checkFailFastSuccess runs a batch in which nothing fails: every result,
// and no error.
func checkFailFastSuccess(c *exercise.C, impl FailFastFunc) {
	jobs := []int{3, 9, 6}
	what := fmt.Sprintf("FailFast(ctx, ex, job, %v) where no job fails", jobs)
	const workers = "check03.FailFastOK"
	pool, err := futures.NewThreadPool(2, futures.WithNamePrefix(workers))
	if err != nil {
		panic(err)
	}
	defer pool.Close()
	s := newStage(jobs, workers)
	s.open()
	var results map[int]int
	c.Call(what, "it never returns when no job fails: does it wait for an error that never comes?",
		func() { results, err = impl(s.context(context.Background()), pool, Job, slices.Clone(jobs)) })
	want := map[int]int{}
	for i, j := range jobs {
		want[i] = resultOf(j)
	}
	if err != nil || !maps.Equal(results, want) {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%s to return every result, %v, and no error", what, want),
			Got:      fmt.Sprintf("results %v, error %v", results, err),
			Likely:   "with no error, futures.Wait with FirstError returns when all are done: return all their results, and nil",
		})
	}
}
