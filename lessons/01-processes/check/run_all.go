package check

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Job is one input of exercise 3, with the check's probe.
type Job struct {
	N     int
	Probe Probe
}

// Job10 is exercise 3's task. It returns N*10; but a negative N makes its
// process exit with code 3, 13 makes it panic, and 7 makes it return an
// error (its process then exits with code 1, as a Python process whose
// target raised).

// errSeven is the error Job10 returns for 7; it comes back to the parent
// as its text.
var errSeven = errors.New("7 is refused")
var Job10 = processes.Register("check01.Job10", func(ctx context.Context, j Job) (int, error) {
	if err := j.Probe.enter(ctx, 0, 0); err != nil {
		return 0, err
	}
	defer j.Probe.leave(ctx)
	switch {
	case j.N < 0:
		os.Exit(3)
	case j.N == 13:
		panic("13 is unlucky")
	case j.N == 7:
		return 0, errSeven
	}
	return 10 * j.N, nil
})

// RunAllFunc is the signature of exercise 3.
type RunAllFunc func(ctx context.Context, job *processes.Func[Job, int], jobs []Job) ([]int, []error)

// RunAll is exercise 3: run every job in its own process at once and
// collect every result, and every failure, even when children crash.
var RunAll = exercise.Exercise[RunAllFunc]{
	Info: exercise.Info{
		Name:    "RunAll",
		File:    "lessons/01-processes/exercises/run_all.go",
		Section: readme + "#exercise-3-every-result-even-when-a-child-crashes",
		Hint: "start a process per job and keep them in a slice; then Wait for each one, storing its result and its " +
			"error at its index; do not return at the first error",
		Race: "results or errors written by goroutines of your own and read before they were done, or appended to one " +
			"slice from several of them: write each at its job's index, and wait for every goroutine (a WaitGroup) before returning",
	},
	Check: checkRunAll,
}

func checkRunAll(c *exercise.C, impl RunAllFunc) {
	deadlines := watchWaitDeadlines()
	defer deadlines.stop()
	ns := []int{1, -1, 13, 4, 7}
	// reorder: job 0 finishes after jobs 1 and 2, so outcomes collected as
	// the processes end are out of the order of the jobs.
	w, probes := newWatch(len(ns), len(ns), false, true)
	// Job 3 is held until the others have exited and the answer has
	// settled: one that returns at the first error leaves it running.
	w.late = map[int]bool{3: true}
	jobs := make([]Job, len(ns))
	for i, n := range ns {
		jobs[i] = Job{N: n, Probe: probes[i]}
	}
	before := c.ProcessSnapshot()
	w.start(c, before)
	defer w.stop()
	var (
		got  []int
		errs []error
	)
	c.OnOneProcessor(func() { // goroutines start once the caller blocks: a Wait before their wg.Add shows
		c.Call("RunAll(ctx, job, jobs)", "it never returns: is it waiting for an outcome that never comes "+
			"(a channel or WaitGroup that expects more than the processes it started)?",
			func() { got, errs = impl(context.Background(), Job10, slices.Clone(jobs)) })
	})
	left := before.Left() // job 3 is still held
	lateHeld := w.lateHeld()
	unwaited := w.neverWaited()
	w.stop()

	neverWaited := "a process was never waited for, perhaps because RunAll returned at the first error: " +
		"wait for every process, whatever happened to the others"
	returnedEarly := "RunAll returned before it waited for job 3, perhaps at the first error: wait for every process, " +
		"whatever happened to the others"
	if unwaited {
		neverWaited = unwaitedGoroutines("RunAll")
		returnedEarly = neverWaited
	}
	c.NoProcessesLeft(left, "RunAll", neverWaited)
	// No process left: the answer's goroutines, if any, are done with errs.
	var stopped *processes.ExitError // job 3's process killed by a signal
	stoppedLate := !unwaited && len(errs) == len(jobs) &&
		(errors.As(errs[3], &stopped) && stopped.Code < 0 || errors.Is(errs[3], context.Canceled))
	stoppedMistake := "job 3 was stopped (Terminate, Kill, or a cancelled ctx: errgroup.WithContext cancels its ctx at the " +
		"first error) once another job had failed: one job's failure is no reason to stop the others. Wait for every " +
		"process and keep every outcome"
	if stoppedLate {
		returnedEarly = stoppedMistake
	}
	notWaitedForLate(c, lateHeld, "RunAll", "job 3's process", returnedEarly)
	if len(w.arrivals) == 0 {
		c.Fail(exercise.Mistake{Expected: "each job run by the job function in a child process", Got: "job never ran in a child process",
			Likely: "start processes.New(job, jobs[i]) for every job"})
	}
	if w.broken {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("all %d jobs running at the same time", len(jobs)),
			Got:      fmt.Sprintf("at most %d ran at once (waited %v)", w.peak, c.Patience()),
			Likely:   "each process is waited for before the next starts: start them all, then wait for them all",
		})
	}
	if len(got) != len(jobs) || len(errs) != len(jobs) {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d results and %d errors, one per job", len(jobs), len(jobs)),
			Got:      fmt.Sprintf("%d results and %d errors", len(got), len(errs)),
			Likely:   "results and errors were lost: make both slices len(jobs) long and fill them by index",
		})
	}
	var exit *processes.ExitError
	var pe *processes.PanicError
	switch {
	case got[3] == 0 && errs[3] == nil:
		c.Fail(exercise.Mistake{Expected: "job 3's result, 40", Got: fmt.Sprintf("results %v, errors %v", got, errs),
			Likely: returnedEarly})
	case stoppedLate:
		c.Fail(exercise.Mistake{Expected: "job 3's result, 40", Got: fmt.Sprintf("job 3's error: %v", errs[3]),
			Likely: stoppedMistake})
	case got[0] != 10 || got[3] != 40 || errs[0] != nil || errs[3] != nil:
		c.Fail(exercise.Mistake{Expected: "jobs 0 and 3 to give 10 and 40 with no error",
			Got: fmt.Sprintf("results %v, errors %v", got, errs), Likely: "store each job's result and error at its own index"})
	case !errors.As(errs[1], &exit) || exit.Code != 3:
		c.Fail(exercise.Mistake{Expected: "job 1's error to be a *processes.ExitError with code 3 (its process called os.Exit(3))",
			Got: fmt.Sprintf("%v", errs[1]), Likely: "return the error Wait gave for that process, as it is"})
	case !errors.As(errs[2], &pe):
		c.Fail(exercise.Mistake{Expected: "job 2's error to be a *processes.PanicError (it panicked)",
			Got: fmt.Sprintf("%v", errs[2]), Likely: "return the error Wait gave for that process, as it is"})
	case errs[4] == nil || !strings.Contains(errs[4].Error(), errSeven.Error()):
		likely := "return the error Wait gave for that process, as it is"
		if errs[4] == nil {
			likely = "a job's error was dropped: a job fails when its function returns an error too (Wait returns it, a " +
				"*processes.RemoteError, and the process exits with code 1). Keep every error Wait returns, at its job's index"
		}
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("job 4's error, %q (its function returned it)", errSeven),
			Got: fmt.Sprintf("results %v, errors %v", got, errs), Likely: likely})
	}
	checkHeldPastTheDeadline(c, deadlines, "RunAll", "RunAll(ctx, job, jobs)", "job", func(probes []Probe) {
		_, _ = impl(context.Background(), Job10, []Job{{N: 1, Probe: probes[0]}, {N: 4, Probe: probes[1]}})
	})
}
