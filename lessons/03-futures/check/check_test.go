package check_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/03-futures/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Each test keeps a wrong answer a learner might write and shows that its
// check rejects it, for the right reason; and each exercise has a right
// answer that its check accepts. The checks see every mistake here by
// structure (what the code did before it waited, what was still held when
// it returned), so no wrong answer waits out a patience: the default one
// only bounds a wait that a right answer never makes.

func TestMain(m *testing.M) { check.Main(m) }

// roomy leaves the answers of exercise 3 time to start worker processes
// on a busy machine: the call bound is not what catches its wrong answers.
var roomy = exercise.WithCallBound(30 * time.Second)

type jobFunc = *processes.Func[int, int]

// submitAll submits job on every element of jobs.
func submitAll(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) []*futures.Future[int] {
	fs := make([]*futures.Future[int], len(jobs))
	for i, j := range jobs {
		f, err := futures.Submit(ctx, ex, job, j)
		if err != nil {
			panic(err)
		}
		fs[i] = f
	}
	return fs
}

// stopAll stops every future and waits until they are all done.
func stopAll(ctx context.Context, fs []*futures.Future[int]) {
	for _, f := range fs {
		f.Stop()
	}
	_, _, _ = futures.Wait(ctx, fs, futures.AllCompleted)
}

// firstDone returns the first n futures of fs to complete, in that order.
func firstDone(ctx context.Context, fs []*futures.Future[int], n int) []*futures.Future[int] {
	var out []*futures.Future[int]
	for f := range futures.AsCompleted(ctx, fs) {
		out = append(out, f)
		if len(out) == n {
			break
		}
	}
	return out
}

func values(ctx context.Context, fs []*futures.Future[int]) []int {
	var out []int
	for _, f := range fs {
		v, _ := f.Result(ctx)
		out = append(out, v)
	}
	return out
}

// --- exercise 1: FirstN ---

// TestFirstNAcceptsWaitingForTheFirstCompletedInALoop keeps a right answer
// unlike the reference one: Wait with FirstCompleted, again and again on
// the futures not done yet.
func TestFirstNAcceptsWaitingForTheFirstCompletedInALoop(t *testing.T) {
	firstCompleted := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		defer stopAll(ctx, fs)
		var results []int
		rest := fs
		for len(results) < n && len(rest) > 0 {
			done, notDone, err := futures.Wait(ctx, rest, futures.FirstCompleted)
			if err != nil {
				return nil, err
			}
			for _, f := range done {
				v, err := f.Result(ctx)
				if err != nil {
					return nil, err
				}
				results = append(results, v)
			}
			rest = notDone
		}
		return results[:min(n, len(results))], nil
	}
	exercise.Accepted(t, check.FirstN.Run(firstCompleted))
}

func TestFirstNRejectsWaitingForAll(t *testing.T) {
	waitsForAll := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		var results []int
		for f := range futures.AsCompleted(ctx, fs) { // every one of them
			v, _ := f.Result(ctx)
			results = append(results, v)
		}
		return results[:n], nil
	}
	r := check.FirstN.Run(waitsForAll)
	exercise.Rejected(t, r, "it waits for every task")
	assert.Contains(t, r.Mistake.Got, "after 3 results it went on waiting, for 4 running tasks that it never stopped")
}

func TestFirstNRejectsOnlyCancellingAndWaiting(t *testing.T) {
	cancelsThenWaits := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		results := values(ctx, firstDone(ctx, fs, n))
		for _, f := range fs {
			f.Cancel() // the running ones run on
		}
		_, _, _ = futures.Wait(ctx, fs, futures.AllCompleted)
		return results, nil
	}
	exercise.Rejected(t, check.FirstN.Run(cancelsThenWaits), "only Cancels the others, which does nothing to a running task")
}

func TestFirstNRejectsResultsInSubmissionOrder(t *testing.T) {
	bySubmission := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		defer stopAll(ctx, fs)
		first := firstDone(ctx, fs, n)
		sort.Slice(first, func(a, b int) bool { return slices.Index(fs, first[a]) < slices.Index(fs, first[b]) })
		return values(ctx, first), nil
	}
	exercise.Rejected(t, check.FirstN.Run(bySubmission), "in the order the jobs were submitted")
}

func TestFirstNRejectsSortedResults(t *testing.T) {
	sorted := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		defer stopAll(ctx, fs)
		results := values(ctx, firstDone(ctx, fs, n))
		slices.Sort(results)
		return results, nil
	}
	exercise.Rejected(t, check.FirstN.Run(sorted), "the results are sorted")
}

func TestFirstNRejectsLeavingTasksRunning(t *testing.T) {
	cancelsOnly := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		results := values(ctx, firstDone(ctx, fs, n))
		for _, f := range fs {
			f.Cancel()
		}
		return results, nil
	}
	r := check.FirstN.Run(cancelsOnly)
	exercise.Rejected(t, r, "Cancel only cancels a task that has not started")
	// 3 or 4: the task the last result's worker takes next may be
	// cancelled before it starts.
	assert.Regexp(t, "it returned while [34] tasks still ran, never stopped", r.Mistake.Got)
}

func TestFirstNRejectsNotWaitingForTheStoppedTasks(t *testing.T) {
	stopsOnly := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		results := values(ctx, firstDone(ctx, fs, n))
		for _, f := range fs {
			f.Stop()
		}
		return results, nil
	}
	exercise.Rejected(t, check.FirstN.Run(stopsOnly), "it has stopped when its future is done")
}

func TestFirstNRejectsStoppingOnlyTheRunningTasks(t *testing.T) {
	runningOnly := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		results := values(ctx, firstDone(ctx, fs, n))
		var running []*futures.Future[int]
		for _, f := range fs {
			if f.Running() {
				running = append(running, f)
			}
		}
		stopAll(ctx, running) // the pending ones start as these finish
		return results, nil
	}
	exercise.Rejected(t, check.FirstN.Run(runningOnly), "only the running tasks were stopped")
}

func TestFirstNRejectsShuttingDownTheCallersExecutor(t *testing.T) {
	shutsDown := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		results := values(ctx, firstDone(ctx, fs, n))
		for _, f := range fs {
			f.Stop()
		}
		return results, ex.Close() // waits for them, and shuts the executor down
	}
	exercise.Rejected(t, check.FirstN.Run(shutsDown), "Shutdown (or Close) on the executor you were given")
}

func TestFirstNRejectsAGoroutinePerFutureLeftBehind(t *testing.T) {
	type leftover struct {
		ch    chan *futures.Future[int]
		count int // goroutines still to send
	}
	var (
		mu   sync.Mutex
		left []leftover
	)
	goroutinePerFuture := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		done := make(chan *futures.Future[int]) // unbuffered, and read only n times
		for _, f := range fs {
			go func() {
				<-f.Done()
				done <- f
			}()
		}
		var results []int
		for range n {
			v, _ := (<-done).Result(ctx)
			results = append(results, v)
		}
		stopAll(ctx, fs)
		mu.Lock()
		left = append(left, leftover{done, len(fs) - n})
		mu.Unlock()
		return results, nil // the other goroutines wait to send for ever
	}
	r := check.FirstN.Run(goroutinePerFuture)
	mu.Lock()
	for _, l := range left { // let the goroutines left behind finish
		for range l.count {
			<-l.ch
		}
	}
	mu.Unlock()
	exercise.Rejected(t, r, "range over futures.AsCompleted, and break out of it")
}

func TestFirstNRejectsOneJobAtATime(t *testing.T) {
	oneByOne := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		var results []int
		for _, j := range jobs[:n] { // the first n submitted are the first n to complete
			f, err := futures.Submit(ctx, ex, job, j)
			if err != nil {
				return nil, err
			}
			v, err := f.Result(ctx)
			if err != nil {
				return nil, err
			}
			results = append(results, v)
		}
		return results, nil
	}
	r := check.FirstN.Run(oneByOne)
	exercise.Rejected(t, r, "it submits a job and waits for it before the next")
	assert.Contains(t, r.Mistake.Got, "when it first waited, 1 task ran")
}

// TestFirstNRejectsPolling keeps an answer that never waits: it spins on
// IsDone. The check watches it for one patience, a short one here (only a
// wrong answer waits it out), before it concludes.
func TestFirstNRejectsPolling(t *testing.T) {
	polls := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		defer stopAll(ctx, fs)
		var results []int
		taken := map[int]bool{}
		for len(results) < n {
			for i, f := range fs {
				if f.IsDone() && !taken[i] {
					taken[i] = true
					v, _ := f.Result(ctx)
					results = append(results, v)
				}
			}
			runtime.Gosched()
		}
		return results[:n], nil
	}
	exercise.Rejected(t, check.FirstN.Run(polls, exercise.WithPatience(200*time.Millisecond)), "a loop that polls")
}

func TestFirstNRejectsABackgroundContext(t *testing.T) {
	background := func(_ context.Context, ex futures.Executor, job jobFunc, jobs []int, n int) ([]int, error) {
		ctx := context.Background()
		fs := submitAll(ctx, ex, job, jobs)
		defer stopAll(ctx, fs)
		return values(ctx, firstDone(ctx, fs, n)), nil
	}
	exercise.Rejected(t, check.FirstN.Run(background), "pass ctx to futures.Submit")
}

// --- exercise 2: FailFast ---

// TestFailFastAcceptsAsCompleted keeps a right answer unlike the reference
// one: the first error is the first future that AsCompleted yields with
// one.
func TestFailFastAcceptsAsCompleted(t *testing.T) {
	asCompleted := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		defer stopAll(ctx, fs)
		results := map[int]int{}
		for f := range futures.AsCompleted(ctx, fs) {
			v, err := f.Result(ctx)
			if err != nil {
				return results, err
			}
			results[slices.Index(fs, f)] = v
		}
		return results, nil
	}
	exercise.Accepted(t, check.FailFast.Run(asCompleted))
}

// failFirst waits for the first error, and returns the futures done and
// not done then.
func failFirst(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (fs, done, notDone []*futures.Future[int]) {
	fs = submitAll(ctx, ex, job, jobs)
	done, notDone, _ = futures.Wait(ctx, fs, futures.FirstError)
	return fs, done, notDone
}

// outcome is the results of done, by index in fs, and the first error.
func outcome(ctx context.Context, fs, done []*futures.Future[int]) (map[int]int, error) {
	results := map[int]int{}
	var first error
	for _, f := range done {
		v, err := f.Result(ctx)
		if err == nil {
			results[slices.Index(fs, f)] = v
		} else if first == nil {
			first = err
		}
	}
	return results, first
}

func TestFailFastRejectsRunningEverythingToTheEnd(t *testing.T) {
	toTheEnd := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs := submitAll(ctx, ex, job, jobs)
		done, _, _ := futures.Wait(ctx, fs, futures.AllCompleted)
		return outcome(ctx, fs, done)
	}
	r := check.FailFast.Run(toTheEnd)
	exercise.Rejected(t, r, "it runs everything to the end")
	assert.Contains(t, r.Mistake.Got, "for 4 running tasks it never stopped; when the check let them finish, 1 more task started")
}

func TestFailFastRejectsOneJobAtATime(t *testing.T) {
	oneByOne := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		results := map[int]int{}
		for i, j := range jobs {
			f, err := futures.Submit(ctx, ex, job, j)
			if err != nil {
				return results, err
			}
			v, err := f.Result(ctx)
			if err != nil {
				return results, err
			}
			results[i] = v
		}
		return results, nil
	}
	exercise.Rejected(t, check.FailFast.Run(oneByOne), "it submits a job and waits for it before the next")
}

func TestFailFastRejectsLosingTheResultsBeforeTheError(t *testing.T) {
	losesResults := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs, done, notDone := failFirst(ctx, ex, job, jobs)
		stopAll(ctx, notDone)
		if _, err := outcome(ctx, fs, done); err != nil {
			return nil, err // the results before it are dropped
		}
		return outcome(ctx, fs, done)
	}
	exercise.Rejected(t, check.FailFast.Run(losesResults), "the results that completed before the error were lost")
}

func TestFailFastRejectsTheFirstErrorByIndex(t *testing.T) {
	byIndex := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs, done, notDone := failFirst(ctx, ex, job, jobs)
		stopAll(ctx, notDone)
		results, _ := outcome(ctx, fs, done)
		for _, f := range fs { // a stopped task's error comes before the real one
			if err := f.Err(ctx); err != nil {
				return results, err
			}
		}
		return results, nil
	}
	exercise.Rejected(t, check.FailFast.Run(byIndex), "not the first by index")
}

func TestFailFastRejectsACauseReplacedByAString(t *testing.T) {
	flattened := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs, done, notDone := failFirst(ctx, ex, job, jobs)
		stopAll(ctx, notDone)
		results, err := outcome(ctx, fs, done)
		if err != nil {
			return results, errors.New("a job failed: " + err.Error())
		}
		return results, nil
	}
	exercise.Rejected(t, check.FailFast.Run(flattened), "the cause was lost")
}

func TestFailFastRejectsTheResultsOfStoppedTasks(t *testing.T) {
	zeroes := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs, done, notDone := failFirst(ctx, ex, job, jobs)
		stopAll(ctx, notDone)
		_, err := outcome(ctx, fs, done)
		results := map[int]int{}
		for i, f := range fs {
			results[i], _ = f.Result(ctx) // a zero for every stopped task
		}
		return results, err
	}
	exercise.Rejected(t, check.FailFast.Run(zeroes), "only the futures that completed without an error have a result")
}

func TestFailFastRejectsNotStoppingTheRunningTasks(t *testing.T) {
	cancelsOnly := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs, done, notDone := failFirst(ctx, ex, job, jobs)
		for _, f := range notDone {
			f.Cancel()
		}
		return outcome(ctx, fs, done)
	}
	r := check.FailFast.Run(cancelsOnly)
	exercise.Rejected(t, r, "Cancel only cancels a task that has not started")
	// 3 or 4: the task the last result's worker takes next may be
	// cancelled before it starts.
	assert.Regexp(t, "it returned while [34] tasks still ran, never stopped", r.Mistake.Got)
}

func TestFailFastRejectsNotWaitingForTheStoppedTasks(t *testing.T) {
	stopsOnly := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs, done, notDone := failFirst(ctx, ex, job, jobs)
		for _, f := range notDone {
			f.Stop()
		}
		return outcome(ctx, fs, done)
	}
	exercise.Rejected(t, check.FailFast.Run(stopsOnly), "it has stopped when its future is done")
}

func TestFailFastRejectsLeavingThePendingTasks(t *testing.T) {
	runningOnly := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs, done, notDone := failFirst(ctx, ex, job, jobs)
		var running []*futures.Future[int]
		for _, f := range notDone {
			if f.Running() {
				running = append(running, f)
			}
		}
		stopAll(ctx, running)
		return outcome(ctx, fs, done)
	}
	exercise.Rejected(t, check.FailFast.Run(runningOnly), "only the running tasks were stopped")
}

func TestFailFastRejectsNoResultsWithoutAnError(t *testing.T) {
	onlyOnError := func(ctx context.Context, ex futures.Executor, job jobFunc, jobs []int) (map[int]int, error) {
		fs, done, notDone := failFirst(ctx, ex, job, jobs)
		stopAll(ctx, notDone)
		results, err := outcome(ctx, fs, done)
		if err == nil {
			return nil, nil // forgot the case where nothing fails
		}
		return results, err
	}
	exercise.Rejected(t, check.FailFast.Run(onlyOnError), "return all their results, and nil")
}

// --- exercise 3: Rerun ---

type taskFunc = *processes.Func[check.Work, int]

// rounds runs the jobs of todo on a new pool per round until next, given
// each round's outcomes, returns nothing more to do. keep says whether to
// write a round's outcome of job i; close whether to close the round's
// pool (last is true for the last round).
type roundsOpts struct {
	next  func(i int, err error) bool // run job i again after this outcome
	fresh bool                        // each round's results replace the last round's
	close func(last bool) bool
	max   int
}

func rounds(ctx context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work, o roundsOpts) ([]int, []error) {
	results, errs := make([]int, len(jobs)), make([]error, len(jobs))
	todo := make([]int, len(jobs))
	for i := range todo {
		todo[i] = i
	}
	for round := 0; len(todo) > 0 && (o.max == 0 || round < o.max); round++ {
		pool, err := newPool()
		if err != nil {
			panic(err)
		}
		if o.fresh {
			results, errs = make([]int, len(jobs)), make([]error, len(jobs))
		}
		var again []int
		fs := map[int]*futures.Future[int]{}
		for _, i := range todo {
			if f, err := futures.Submit(ctx, pool, task, jobs[i]); err != nil {
				errs[i] = err
			} else {
				fs[i] = f
			}
		}
		for _, i := range todo {
			if f, ok := fs[i]; ok {
				results[i], errs[i] = f.Result(ctx)
			}
			if o.next(i, errs[i]) {
				again = append(again, i)
			}
		}
		todo = again
		if o.close(len(todo) == 0) {
			_ = pool.Close()
		}
	}
	return results, errs
}

func broken(_ int, err error) bool { return errors.Is(err, futures.ErrBroken) }
func always(bool) bool             { return true }

// TestRerunAcceptsRoundsOfBrokenJobs keeps the reference answer's plan.
func TestRerunAcceptsRoundsOfBrokenJobs(t *testing.T) {
	right := func(ctx context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		return rounds(ctx, newPool, task, jobs, roundsOpts{next: broken, close: always})
	}
	exercise.Accepted(t, check.Rerun.Run(right, roomy))
}

func TestRerunRejectsReRunningEveryJob(t *testing.T) {
	everyJob := func(ctx context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		for {
			results, errs := rounds(ctx, newPool, task, jobs, roundsOpts{next: broken, close: always, max: 1})
			if !slices.ContainsFunc(errs, func(err error) bool { return errors.Is(err, futures.ErrBroken) }) {
				return results, errs
			}
		}
	}
	r := check.Rerun.Run(everyJob, roomy)
	exercise.Rejected(t, r, "it re-runs every job when a pool breaks")
	// Which jobs ran before each crash depends on the order a pool runs
	// them in, which is not always the order they were submitted in: two
	// goroutines feeding the pool at once may hand it two tasks swapped.
	assert.Regexp(t, `jobs that had completed, with their results, ran again: job -?\d+ ran [234] times`, r.Mistake.Got)
}

func TestRerunRejectsReRunningJobsThatFailedOnTheirOwn(t *testing.T) {
	everyError := func(ctx context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		return rounds(ctx, newPool, task, jobs, roundsOpts{next: func(_ int, err error) bool { return err != nil }, close: always, max: 4})
	}
	r := check.Rerun.Run(everyError, roomy)
	exercise.Rejected(t, r, "only errors.Is(err, futures.ErrBroken) means the pool broke")
	assert.Regexp(t, `jobs that had failed with their own error ran again: job -[28] ran [2-4] times`, r.Mistake.Got)
}

func TestRerunRejectsLosingTheResultsOfEarlierRounds(t *testing.T) {
	lastRoundOnly := func(ctx context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		return rounds(ctx, newPool, task, jobs, roundsOpts{next: broken, close: always, fresh: true})
	}
	exercise.Rejected(t, check.Rerun.Run(lastRoundOnly, roomy), "it came in an earlier round")
}

func TestRerunRejectsReRunningOnlyOnce(t *testing.T) {
	once := func(ctx context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		return rounds(ctx, newPool, task, jobs, roundsOpts{next: broken, close: always, max: 2})
	}
	r := check.Rerun.Run(once, roomy)
	exercise.Rejected(t, r, "a job's re-run can break its pool too")
	assert.Regexp(t, `jobs \[[-\d ]+\] never completed`, r.Mistake.Got)
}

// A fixed three rounds: the check's first three pools break.
func TestRerunRejectsAFixedNumberOfRounds(t *testing.T) {
	threeRounds := func(ctx context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		return rounds(ctx, newPool, task, jobs, roundsOpts{next: broken, close: always, max: 3})
	}
	exercise.Rejected(t, check.Rerun.Run(threeRounds, roomy), "a job's re-run can break its pool too")
}

// The jobs submitted with a context of their own: cancelling Rerun's ctx
// stops nothing (the check cancels it before the call).
func TestRerunRejectsABackgroundContext(t *testing.T) {
	background := func(_ context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		return rounds(context.Background(), newPool, task, jobs, roundsOpts{next: broken, close: always})
	}
	exercise.Rejected(t, check.Rerun.Run(background, roomy), "a context of their own (context.Background())")
}

func TestRerunRejectsAPoolNeverClosed(t *testing.T) {
	neverClosed := func(ctx context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		return rounds(ctx, newPool, task, jobs, roundsOpts{next: broken, close: func(bool) bool { return false }})
	}
	exercise.Rejected(t, check.Rerun.Run(neverClosed, roomy), "the last pool was never closed")
}

func TestRerunRejectsBrokenPoolsNeverClosed(t *testing.T) {
	lastOnly := func(ctx context.Context, newPool func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		return rounds(ctx, newPool, task, jobs, roundsOpts{next: broken, close: func(last bool) bool { return last }})
	}
	r := check.Rerun.Run(lastOnly, roomy)
	exercise.Rejected(t, r, "close every pool, broken ones too")
	// Three pools, unless a replacement worker (see judge) completed so
	// many jobs of the first that the second had too few to crash.
	assert.Regexp(t, "[123] of the [234] pools it made were never closed", r.Mistake.Got)
}

func TestRerunRejectsAThreadPool(t *testing.T) {
	threads := func(ctx context.Context, _ func() (futures.Executor, error), task taskFunc, jobs []check.Work) ([]int, []error) {
		pool, err := futures.NewThreadPool(2)
		if err != nil {
			panic(err)
		}
		defer pool.Close()
		return rounds(ctx, func() (futures.Executor, error) { return pool, nil }, task, jobs,
			roundsOpts{next: broken, close: func(bool) bool { return false }})
	}
	exercise.Rejected(t, check.Rerun.Run(threads, roomy), "make each pool with newPool()")
}

// --- exercise 4: SumSquares ---

type squareFunc = *processes.Func[int, int]

// TestSumSquaresAcceptsASemaphore keeps a right answer unlike the
// reference one: a slot is taken after each number is read and before its
// task is submitted, so it holds the next number while it waits for room
// (limit+1 ahead of the results at most), and the slot is given back when
// the task is done.
func TestSumSquaresAcceptsASemaphore(t *testing.T) {
	semaphore := func(ctx context.Context, ex futures.Executor, square squareFunc, nums iter.Seq[int], limit int) (int, error) {
		slots := make(chan struct{}, limit)
		var (
			mu    sync.Mutex
			sum   int
			first error
		)
		for n := range nums {
			slots <- struct{}{}
			f, err := futures.Submit(ctx, ex, square, n)
			if err != nil {
				return 0, err
			}
			f.AddDoneCallback(func(f *futures.Future[int]) {
				v, err := f.Result(ctx)
				mu.Lock()
				sum += v
				if first == nil {
					first = err
				}
				mu.Unlock()
				<-slots
			})
		}
		for range limit { // every slot back: every task done
			slots <- struct{}{}
		}
		mu.Lock()
		defer mu.Unlock()
		return sum, first
	}
	exercise.Accepted(t, check.SumSquares.Run(semaphore))
}

func TestSumSquaresRejectsSubmittingEverything(t *testing.T) {
	eager := func(ctx context.Context, ex futures.Executor, square squareFunc, nums iter.Seq[int], _ int) (int, error) {
		var fs []*futures.Future[int]
		for n := range nums {
			f, err := futures.Submit(ctx, ex, square, n)
			if err != nil {
				return 0, err
			}
			fs = append(fs, f)
		}
		sum := 0
		for _, v := range values(ctx, fs) {
			sum += v
		}
		return sum, nil
	}
	r := check.SumSquares.Run(eager)
	exercise.Rejected(t, r, "it submits every number before it takes a result")
	assert.Contains(t, r.Mistake.Got, "it read 1000 numbers before a single square had returned")
}

// The bound and the lazy reading right, the errors dropped: a square that
// failed gives the sum of the others and no error.
func TestSumSquaresRejectsDroppingErrors(t *testing.T) {
	dropsErrors := func(ctx context.Context, ex futures.Executor, square squareFunc, nums iter.Seq[int], limit int) (int, error) {
		sum := 0
		for v, err := range futures.Map(ctx, ex, square, nums, futures.WithBuffer(limit)) {
			if err == nil {
				sum += v
			}
		}
		return sum, nil
	}
	exercise.Rejected(t, check.SumSquares.Run(dropsErrors), "the error that came with a result was dropped")
}

func TestSumSquaresRejectsMapsDefaultBuffer(t *testing.T) {
	noBuffer := func(ctx context.Context, ex futures.Executor, square squareFunc, nums iter.Seq[int], _ int) (int, error) {
		sum := 0
		for v, err := range futures.Map(ctx, ex, square, nums) {
			if err != nil {
				return 0, err
			}
			sum += v
		}
		return sum, nil
	}
	exercise.Rejected(t, check.SumSquares.Run(noBuffer), "futures.Map without futures.WithBuffer keeps 2 tasks per worker")
}

func TestSumSquaresRejectsChunksOfTheLimit(t *testing.T) {
	chunked := func(ctx context.Context, ex futures.Executor, square squareFunc, nums iter.Seq[int], limit int) (int, error) {
		sum := 0
		for v, err := range futures.Map(ctx, ex, square, nums, futures.WithBuffer(limit), futures.WithChunkSize(10)) {
			if err != nil {
				return 0, err
			}
			sum += v
		}
		return sum, nil
	}
	exercise.Rejected(t, check.SumSquares.Run(chunked), "a chunk (WithChunkSize) holds several numbers")
}

func TestSumSquaresRejectsOneAtATime(t *testing.T) {
	oneByOne := func(ctx context.Context, ex futures.Executor, square squareFunc, nums iter.Seq[int], _ int) (int, error) {
		sum := 0
		for n := range nums {
			f, err := futures.Submit(ctx, ex, square, n)
			if err != nil {
				return 0, err
			}
			v, err := f.Result(ctx)
			if err != nil {
				return 0, err
			}
			sum += v
		}
		return sum, nil
	}
	exercise.Rejected(t, check.SumSquares.Run(oneByOne), "each task is waited for before the next is submitted")
}

func TestSumSquaresRejectsABackgroundContext(t *testing.T) {
	background := func(_ context.Context, ex futures.Executor, square squareFunc, nums iter.Seq[int], limit int) (int, error) {
		sum := 0
		for v, err := range futures.Map(context.Background(), ex, square, nums, futures.WithBuffer(limit)) {
			if err != nil {
				return 0, err
			}
			sum += v
		}
		return sum, nil
	}
	exercise.Rejected(t, check.SumSquares.Run(background), "pass ctx to futures.Map")
}

// --- every exercise ---

// TestEveryExerciseHasItsFileAndSection checks each exercise's stub and
// README section, and that exercise k is the README's exercise k.
func TestEveryExerciseHasItsFileAndSection(t *testing.T) {
	exercise.VerifyInfos(t, "../../..", check.All())
	for k, in := range check.All() {
		_, anchor, ok := strings.Cut(in.Section, "#")
		require.True(t, ok, in.Name)
		assert.NotEmpty(t, in.Hint, in.Name)
		assert.True(t, strings.HasPrefix(anchor, fmt.Sprintf("exercise-%d-", k+1)), "%s is exercise %d: %s", in.Name, k+1, anchor)
	}
}

// TestRaceSensitiveExercises: every exercise of this lesson gathers
// outcomes that the executor's goroutines (done-callbacks) or the
// learner's may share; a lost one shows only when two meet, which the
// race detector always sees and a plain run may not. A pass without -race
// says to run -race.
func TestRaceSensitiveExercises(t *testing.T) {
	for _, ex := range check.All() {
		assert.True(t, ex.RaceSensitive, ex.Name)
		assert.NotEmpty(t, ex.Race, ex.Name)
	}
}
