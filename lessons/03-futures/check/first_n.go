package check

import (
	"context"
	"fmt"
	"slices"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// FirstNFunc is the signature of exercise 1.
type FirstNFunc func(ctx context.Context, ex futures.Executor, job *processes.Func[int, int], jobs []int, n int) ([]int, error)

// FirstN is exercise 1: the first n results to complete, in the order they
// completed; the other tasks cancelled or stopped, and finished, before
// FirstN returns.
var FirstN = exercise.Exercise[FirstNFunc]{
	Info: exercise.Info{
		Name: "FirstN",
		File: "lessons/03-futures/exercises/first_n.go",
		// Results gathered in done-callbacks, which run on the executor's
		// goroutines: a lost one shows only when two meet.
		RaceSensitive: true,
		Race: "the done-callbacks (or goroutines of yours) append results or count them with nothing ordering them: " +
			"callbacks run on the executor's goroutines, several at once. Take the results in FirstN's own goroutine, " +
			"from futures.AsCompleted, or guard what the callbacks share with a mutex",
		Section: readme + "#exercise-1-the-first-n-results-the-rest-cancelled",
		Hint: "submit every job and keep the futures; range over futures.AsCompleted(ctx, fs) and append each Result " +
			"until you have n; then Stop every future (it cancels a pending task and cancels a running one's context) " +
			"and futures.Wait(ctx, fs, futures.AllCompleted) before returning (a defer does both on every path)",
	},
	Check: checkFirstN,
}

// The jobs of exercise 1's check, a pool smaller than them (so that some
// are pending while others run) and how many results to take.
var (
	firstNJobs    = []int{4, 7, 2, 5, 1, 8, 3, 6}
	firstNWorkers = 4
	firstNCount   = 3
)

// firstNRun is what the driver of exercise 1 saw.
type firstNRun struct {
	waited         // how it first waited
	starved   bool // it waited with fewer than n results and no task running
	waitedFor int  // after n results it waited on, for this many running tasks it never stopped
	left           // what it left running, if it returned while the driver watched
	arrived   int  // calls of job so far
}

// driveFirstN releases the held calls one at a time, each once the code
// has settled after the last: the first the one with the highest index,
// then the lowest, so that the results complete in an order that is
// neither the jobs' order nor sorted. After n results it lets stopped
// tasks finish while the code waits for them; a code that waits for more
// with tasks running that it never stopped waits for all of them.
func driveFirstN(s *stage, sc *scene, n int, patience time.Duration) (r firstNRun) {
	defer s.open()
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
			r.left, r.arrived = leftAt(l), l.arrived
			return r
		case l.results < n && len(l.held) > 0:
			choose := lowest
			if step == 0 {
				choose = highest
			}
			s.decide(choose(l.held), nil)
			step++
		case l.results < n:
			r.starved = true
			return r
		case len(l.stopping) > 0:
			s.letGo(l.stopping)
		default:
			r.waitedFor = len(l.held)
			return r
		}
	}
}

func checkFirstN(c *exercise.C, impl FirstNFunc) {
	jobs, n := firstNJobs, firstNCount
	what := fmt.Sprintf("FirstN(ctx, ex, job, %v, %d)", jobs, n)
	const workers = "check03.FirstN"
	pool, err := futures.NewThreadPool(firstNWorkers, futures.WithNamePrefix(workers))
	if err != nil {
		panic(err)
	}
	defer pool.Close()
	s := newStage(jobs, workers)
	defer s.open()
	unstagedBefore := unstaged.Load()
	snap := c.Snapshot()
	sc := newScene()
	begin, wait := startDriver(func() firstNRun { return driveFirstN(s, sc, n, c.Patience()) })
	defer func() {
		s.open() // a code that never returned leaves the driver nothing to wait for
		wait()
	}()
	var got []int
	c.Call(what, "it never returns: does it wait for more results than there are jobs, or on a channel nobody sends to?",
		func() {
			begin()
			got, err = impl(s.context(context.Background()), pool, Job, slices.Clone(jobs), n)
			s.markReturned()
		})
	r := wait()

	s.usage(c, "FirstN", unstagedBefore)
	stillOpen(c, pool, "FirstN")
	if err := pool.Close(); err != nil {
		panic(err)
	}
	late := 0
	if r.left.returned {
		late = s.arrivedAfter(r.arrived)
	}
	want, indexes := s.results()
	want = want[:min(n, len(want))]

	switch {
	case r.waited.judge(c, what, firstNWorkers, len(jobs), // it polled, or submitted a job at a time
		"a loop that polls (IsDone, a select with a default) instead of waiting: block on futures.AsCompleted or futures.Wait",
		"it submits a job and waits for it before the next: submit them all, keep the futures, then take them as they complete"):
	case r.waitedFor > 0:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%s to stop the other tasks once %d results had completed", what, n),
			Got: fmt.Sprintf("after %d results it went on waiting, for %s that it never stopped "+
				"(the check then let them finish, so that it could return)", n, plural(r.waitedFor, "running task")),
			Likely: "it waits for every task (futures.Wait with AllCompleted, or Result on each future in turn), or it only " +
				"Cancels the others, which does nothing to a running task: take the first n from futures.AsCompleted, " +
				"then Stop every future, which also cancels a running task's context",
		})
	case r.starved:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%s to submit all %d jobs before it waits", what, len(jobs)),
			Got:      "it waited with " + plural(s.look().results, "result") + " and no task running",
			Likely:   "submit every job first, keep the futures, then wait for them as they complete",
		})
	case err != nil:
		c.Fail(exercise.Mistake{
			Expected: what + " to succeed: no job failed",
			Got:      "it returned the error: " + err.Error(),
			Likely:   "an error of a task you stopped yourself (ErrStopped, ErrCancelled) is not a failure: return the n results",
		})
	}
	checkFirstNOrder(c, what, got, want, indexes[:len(want)])
	if !r.left.judge(c, what, leftLikely{
		pendingToo: "only the running tasks were stopped: Stop every future you do not need, pending ones too (Stop cancels a " +
			"pending task), then wait for them all",
		running:   "Cancel only cancels a task that has not started: Stop every future you do not need (it cancels a running task's context), then wait for them",
		notWaited: "Stop asks a task to stop; it has stopped when its future is done: futures.Wait(ctx, fs, futures.AllCompleted) after the Stops",
	}) && late > 0 {
		c.Fail(exercise.Mistake{
			Expected: "no task " + what + " submitted to start after it returned",
			Got:      plural(late, "task") + " that had not started when it returned ran afterwards",
			Likely:   "the tasks still pending were never cancelled: Stop (or Cancel) every future you do not need, pending ones too",
		})
	}
	c.NoGoroutinesLeft(snap, "FirstN", "a goroutine waits for a future or a channel that nobody completes: "+
		"range over futures.AsCompleted, and break out of it, instead of a goroutine per future")
}

// checkFirstNOrder compares the results with the first n results to
// complete, in the order they completed.
func checkFirstNOrder(c *exercise.C, what string, got, want, indexes []int) {
	if slices.Equal(got, want) {
		return
	}
	bySubmission := make([]int, len(want))
	order := slices.Clone(indexes)
	slices.Sort(order)
	for i, idx := range order {
		bySubmission[i] = resultOf(firstNJobs[idx])
	}
	sorted := slices.Sorted(slices.Values(want))
	descending := slices.Clone(sorted)
	slices.Reverse(descending)
	likely := fmt.Sprintf("return the results of the first %d tasks to complete, no more, no fewer", len(want))
	switch {
	case slices.Equal(got, bySubmission):
		likely = "the results are in the order the jobs were submitted: append each one as futures.AsCompleted yields it"
	case slices.Equal(got, sorted) || slices.Equal(got, descending):
		likely = "the results are sorted: keep them in the order futures.AsCompleted yields them"
	case slices.Equal(slices.Sorted(slices.Values(got)), sorted):
		likely = "the right results in the wrong order: append each result as futures.AsCompleted yields its future"
	case slices.Contains(got, 0):
		likely = "a zero value is the result of a task that did not complete (stopped or cancelled): take only futures " +
			"that completed, as futures.AsCompleted yields them"
	}
	c.Fail(exercise.Mistake{
		Expected: fmt.Sprintf("%s to return %v: the first %d results, in the order they completed", what, want, len(want)),
		Got:      fmt.Sprint(got),
		Likely:   likely,
	})
}
