package check

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/gophertutor/concurrency/internal/children"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Work is a job of exercise 3, with what the check needs to see it run.
// Pass it on as you were given it.
type Work struct {
	// N is the job's input: Task returns N×10, or, for a negative N, an
	// error of its own.
	N int
	// Crash holds the check's crash tokens: the third run in a pool's
	// first worker process takes one, while there are any, and kills its
	// process. So the first pools break, whatever the order of their
	// tasks, and a job that crashed a worker runs, next time, as any other.
	Crash *processes.Queue[bool]
	// Runs is where every run reports itself to the check.
	Runs *processes.Queue[Run]
}

// Run is one run of a job of exercise 3, as it reports itself.
type Run struct {
	N       int
	Pool    int // which pool newPool made, counted from 1 (0 outside one)
	PID     int
	Worker  string
	Main    bool // it ran in the test's own process, not in a worker
	Crashed bool // this run killed its process
}

// ErrNegative is the own error of a job with a negative input.
var ErrNegative = errors.New("negative input")

// crashAt is the run, in each worker process, that takes a crash token.
const crashAt = 3

// What a worker process of exercise 3 knows of itself: the runs of Task
// in it, the pool it belongs to, and whether it is that pool's first
// worker (see poolInit).
var (
	runsHere, poolHere atomic.Int64
	firstHere          atomic.Bool
)

// poolTag is what poolInit is given: the pool's number, and a queue that
// holds one token, for the pool's first worker.
type poolTag struct {
	N     int
	First *processes.Queue[bool]
}

// poolInit is the initializer of the pools of exercise 3's check: it tells
// each worker process which pool it belongs to, and whether it is the
// pool's first worker. When the first dies, the pool starts another before
// it is seen to be broken; only the first crashes, so that every pool but
// the last breaks once, in its first worker, whatever else happens.
var poolInit = processes.Register("check03.poolInit", func(_ context.Context, tag poolTag) (int, error) {
	poolHere.Store(int64(tag.N))
	if tag.First != nil {
		_, err := tag.First.TryGet()
		firstHere.Store(err == nil)
	}
	return tag.N, nil
})

// Task is exercise 3's registered function. Run in a worker process, it
// takes a crash token if it is the third run in its pool's first worker,
// reports the run,
// and then kills the process if it took a token, and otherwise returns
// N×10, or its own error for a negative N. In the test's own process it
// does not crash: it reports the run and fails.
var Task = processes.Register("check03.Task", func(ctx context.Context, w Work) (int, error) {
	me := processes.Current()
	crash := false
	if !me.Main && runsHere.Add(1) == crashAt && firstHere.Load() && w.Crash != nil {
		_, err := w.Crash.TryGet()
		crash = err == nil
	}
	if w.Runs != nil {
		if err := w.Runs.Put(ctx, Run{N: w.N, Pool: int(poolHere.Load()), PID: me.PID, Worker: me.Name, Main: me.Main, Crashed: crash}); err != nil {
			return 0, fmt.Errorf("report the run of job %d: %w", w.N, err)
		}
	}
	switch {
	case me.Main:
		return 0, fmt.Errorf("job %d ran in the test's own process (%s): it is meant for a pool's worker processes", w.N, me.Name)
	case crash:
		os.Exit(3)
	case w.N < 0:
		return 0, fmt.Errorf("job %d: %w", w.N, ErrNegative)
	}
	return 10 * w.N, nil
})

// RerunFunc is the signature of exercise 3. newPool makes a new
// ProcessPool of one worker that breaks, as Python's does, when a worker
// process dies.
type RerunFunc func(ctx context.Context, newPool func() (futures.Executor, error), task *processes.Func[Work, int], jobs []Work) ([]int, []error)

// Rerun is exercise 3: on pools that break when a task crashes its worker,
// re-run on a new pool only the tasks that failed because the pool broke,
// until every job is done.
var Rerun = exercise.Exercise[RerunFunc]{
	Info: exercise.Info{
		Name: "Rerun",
		File: "lessons/03-futures/exercises/rerun.go",
		// The failed jobs gathered from goroutines: a lost one shows only
		// when two meet.
		RaceSensitive: true,
		Race: "goroutines (or done-callbacks) append the jobs to run again, or store results, with nothing ordering them: " +
			"wait for each future in Rerun's own goroutine and keep its outcome at its job's index",
		Section: readme + "#exercise-3-survive-a-broken-pool-re-run-only-what-died",
		Hint: "keep results and errs for every job, and a list of the jobs to run (all, at first); while the list is not " +
			"empty: make a pool, submit the jobs of the list, and for each take Result: a job whose error (or Submit's) " +
			"errors.Is futures.ErrBroken goes on the next list, any other outcome is stored at its index; Close the pool",
	},
	Check: checkRerun,
}

// The inputs of exercise 3's check (negative ones fail on their own), and
// how many crash tokens it hands out: the first three pools each break at
// their third run, and the fourth runs the rest, so that an answer that
// gives up after a fixed three rounds leaves jobs broken.
var rerunInputs = []int{1, -2, 3, 4, 5, 6, 7, -8}

const rerunCrashes = 3

func checkRerun(c *exercise.C, impl RerunFunc) {
	runs := processes.NewQueue[Run](0)
	defer runs.Close()
	crashes := processes.NewQueue[bool](0)
	defer crashes.Close()
	for range rerunCrashes {
		if err := crashes.TryPut(true); err != nil {
			panic(err)
		}
	}
	jobs := make([]Work, len(rerunInputs))
	for i, n := range rerunInputs {
		jobs[i] = Work{N: n, Crash: crashes, Runs: runs}
	}
	what := fmt.Sprintf("Rerun(ctx, newPool, task, %d jobs)", len(jobs))
	pools := &rerunPools{}
	defer pools.closeAll()
	before := c.ProcessSnapshot()
	snap := c.Snapshot()
	life := c.WatchChildren(true)
	defer life.Stop()
	var (
		results []int
		errs    []error
	)
	c.Call(what, "it never returns: does it re-run forever a job that fails with its own error, or wait on a pool that broke?",
		func() { results, errs = impl(context.Background(), pools.newPool, Task, slices.Clone(jobs)) })
	if open, _ := pools.open(); open == 0 {
		life.NotWaited(before, what, "every pool was shut down, but not waited for: Shutdown with futures.NoWait (or a ctx already done) "+
			"returns while the worker processes still exit, broken pools' too. Close the pools, which waits for them")
	}
	life.Stop()

	left := before.Left()
	open, made := pools.open()
	pools.closeAll()
	var seen []Run
	for {
		r, err := runs.TryGet()
		if err != nil {
			break
		}
		seen = append(seen, r)
	}
	byJob := make([][]judged, len(jobs))
	for _, r := range judge(seen) {
		if i := slices.Index(rerunInputs, r.N); i >= 0 {
			byJob[i] = append(byJob[i], r)
		}
	}

	if slices.ContainsFunc(seen, func(r Run) bool { return r.Main }) || made == 0 {
		c.Fail(exercise.Mistake{
			Expected: "every job run in a worker process of a pool made by newPool()",
			Got:      fmt.Sprintf("%d pools made; the runs: %s", made, describeRuns(seen)),
			Likely:   "make each pool with newPool() and submit the jobs to it: futures.Submit(ctx, pool, task, jobs[i])",
		})
	}
	checkRerunRuns(c, what, byJob)
	checkRerunResults(c, results, errs)
	if len(left) > 0 {
		likely := "the last pool was never closed: defer pool.Close() right after each newPool()"
		if open == 0 {
			likely = "every pool was shut down, but not waited for: Shutdown with futures.NoWait (or a ctx already done) " +
				"returns while the worker processes still exit, broken pools' too. Close the pools, which waits for them"
		}
		c.Fail(exercise.Mistake{
			Expected: "no worker process left once " + what + " returns",
			Got:      fmt.Sprintf("%d left behind:\n%s", len(left), children.Describe(left)),
			Likely:   likely,
		})
	}
	if open > 0 {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("every pool %s made to be closed", what),
			Got:      fmt.Sprintf("%d of the %d pools it made were never closed (Close or Shutdown)", open, made),
			Likely: "close every pool, broken ones too: a broken pool's Close returns at once, and waits for its " +
				"goroutines. defer pool.Close() right after newPool() (in a function per round, or close it at the end of the round)",
		})
	}
	c.NoGoroutinesLeft(snap, "Rerun", "a goroutine waits for a future that nobody reads, or for a pool that is never closed")
	checkRerunCancelled(c, impl)
}

// judged is a run and what the check can know of its outcome.
type judged struct {
	Run
	// reached: the run did not crash, and its outcome certainly reached
	// the caller's future. A run that did not crash in a replacement
	// worker (see judge) may or may not have.
	reached bool
}

// judge tells, for each run, whether its outcome certainly reached the
// caller. A pool has one worker process. Whatever order it runs its tasks
// in, a run that did not crash has sent its result (or its error) before
// the next task in its process began, and so before any crash there; and
// the parent reads a dead worker's pipe to the end before it reports the
// death. But once its worker has died, a pool starts another before the
// pool is seen to be broken and killed, and hands it the tasks waiting:
// the runs in that replacement are cut short, or their results dropped,
// or not. So a run that did not crash in the first worker process of its
// pool reached the caller; one in any later process of the pool may have.
func judge(runs []Run) []judged {
	first := map[int]int{} // pool → the PID of its first worker
	out := make([]judged, len(runs))
	for i, r := range runs {
		if _, ok := first[r.Pool]; !ok {
			first[r.Pool] = r.PID
		}
		out[i] = judged{Run: r, reached: !r.Crashed && r.PID == first[r.Pool]}
	}
	return out
}

// checkRerunRuns checks each job's runs. A correct answer runs a job again
// only when its future failed with ErrBroken: after a run that crashed its
// worker, after a run whose outcome was lost with its pool, or after its
// pool broke before the job ran (no run to see). So no run follows one
// that reached the caller, and the last run did not crash.
func checkRerunRuns(c *exercise.C, what string, byJob [][]judged) {
	var rerunOK, rerunOwn, never []int
	for i, rs := range byJob {
		reached := slices.IndexFunc(rs, func(r judged) bool { return r.reached })
		switch {
		case len(rs) == 0 || rs[len(rs)-1].Crashed:
			never = append(never, rerunInputs[i])
		case reached >= 0 && reached < len(rs)-1 && rerunInputs[i] < 0:
			rerunOwn = append(rerunOwn, rerunInputs[i])
		case reached >= 0 && reached < len(rs)-1:
			rerunOK = append(rerunOK, rerunInputs[i])
		}
	}
	runs := func(ns []int) string {
		var parts []string
		for _, n := range ns {
			parts = append(parts, fmt.Sprintf("job %d ran %d times", n, len(byJob[slices.Index(rerunInputs, n)])))
		}
		return strings.Join(parts, ", ")
	}
	switch {
	case len(rerunOK) > 0:
		c.Fail(exercise.Mistake{
			Expected: "a job re-run only when its future's error says the pool broke (errors.Is(err, futures.ErrBroken))",
			Got:      fmt.Sprintf("jobs that had completed, with their results, ran again: %s", runs(rerunOK)),
			Likely: "it re-runs every job when a pool breaks: the jobs that completed before the crash kept their results. " +
				"Re-run only those whose error is ErrBroken",
		})
	case len(rerunOwn) > 0:
		c.Fail(exercise.Mistake{
			Expected: "a job that fails with its own error reported, not re-run",
			Got:      fmt.Sprintf("jobs that had failed with their own error ran again: %s", runs(rerunOwn)),
			Likely: "it re-runs every failed job: only errors.Is(err, futures.ErrBroken) means the pool broke; " +
				"any other error is the job's own, and running it again fails again",
		})
	case len(never) > 0:
		c.Fail(exercise.Mistake{
			Expected: "every job run until it completes: on a new pool after each pool that broke before it could",
			Got:      fmt.Sprintf("jobs %v never completed: their pool broke, and they were not run again", never),
			Likely:   neverCompleted,
		})
	}
}

// neverCompleted is the likely mistake when a job's pool broke and it was
// not run again.
const neverCompleted = "a job's re-run can break its pool too (another job crashes there): loop, a new pool per round, " +
	"until no job fails with ErrBroken"

// checkRerunResults checks the results and errors returned.
func checkRerunResults(c *exercise.C, results []int, errs []error) {
	if len(results) != len(rerunInputs) || len(errs) != len(rerunInputs) {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d results and %d errors, one per job", len(rerunInputs), len(rerunInputs)),
			Got:      fmt.Sprintf("%d results and %d errors", len(results), len(errs)),
			Likely:   "make both slices len(jobs) long and store each outcome at its job's index",
		})
	}
	for i, n := range rerunInputs {
		switch {
		case errors.Is(errs[i], futures.ErrBroken):
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("job %d (index %d) run until it completes", n, i),
				Got:      "its error says its pool broke: " + errs[i].Error(),
				Likely:   neverCompleted,
			})
		case n >= 0 && (results[i] != 10*n || errs[i] != nil):
			likely := "store each job's result and error at its index"
			if results[i] == 0 && errs[i] == nil {
				likely = "the result was lost: it came in an earlier round, and the results of each round replaced " +
					"the last. Keep one results slice for all rounds, and set only the jobs a round ran"
			}
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("job %d (index %d): result %d, no error", n, i, 10*n),
				Got:      fmt.Sprintf("result %d, error %v", results[i], errs[i]),
				Likely:   likely,
			})
		case n < 0 && (errs[i] == nil || !strings.Contains(errs[i].Error(), ErrNegative.Error())):
			likely := "return the job's own error, as its future gave it"
			if errs[i] == nil {
				likely = "the error was lost: it came in an earlier round, and each round's errors replaced the last. " +
					"Keep one errs slice for all rounds"
			}
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("job %d (index %d): its own error, job %d: %v", n, i, n, ErrNegative),
				Got:      fmt.Sprintf("result %d, error %v", results[i], errs[i]),
				Likely:   likely,
			})
		}
	}
}

func describeRuns(rs []Run) string {
	var parts []string
	for _, r := range rs {
		s := fmt.Sprintf("job %d in %s", r.N, r.Worker)
		if r.Crashed {
			s += " (crashed)"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
