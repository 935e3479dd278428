package check_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// --- exercise 3: RunAll ---

func TestRunAllRejectsStoppingAtTheFirstError(t *testing.T) {
	var started []*processes.Process[int]
	firstError := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		var err error
		started, err = startAll(ctx, job, jobs)
		if err != nil {
			return nil, []error{err}
		}
		results := make([]int, len(jobs))
		errs := make([]error, len(jobs))
		for i, p := range started {
			results[i], errs[i] = p.Wait(ctx)
			if errs[i] != nil {
				return results, errs // the rest are never waited for
			}
		}
		return results, errs
	}
	r := check.RunAll.Run(firstError, roomy)
	for _, p := range started {
		_, _ = p.Wait(t.Context())
	}
	rejected(t, r, "perhaps at the first error", "returned at the first error")
}

func TestRunAllRejectsOneAfterTheOther(t *testing.T) {
	oneByOne := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		results := make([]int, len(jobs))
		errs := make([]error, len(jobs))
		for i, j := range jobs {
			p := processes.New(job, j)
			if errs[i] = p.Start(ctx); errs[i] == nil {
				results[i], errs[i] = p.Wait(ctx)
			}
		}
		return results, errs
	}
	rejected(t, check.RunAll.Run(oneByOne, quick, roomy), "start them all, then wait for them all")
}

func TestRunAllRejectsErrorsReplacedByStrings(t *testing.T) {
	flattened := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		ps, err := startAll(ctx, job, jobs)
		if err != nil {
			return nil, []error{err}
		}
		results := make([]int, len(jobs))
		errs := make([]error, len(jobs))
		for i, p := range ps {
			var err error
			results[i], err = p.Wait(ctx)
			if err != nil {
				errs[i] = errors.New("job failed") // the cause is lost
			}
		}
		return results, errs
	}
	rejected(t, check.RunAll.Run(flattened, roomy), "return the error Wait gave")
}

// One goroutine per job, and a return at the first error that comes back:
// job 3 is held until the failed jobs' processes have exited and the
// answer has settled, so it is still running when this answer returns.
func TestRunAllRejectsReturningAtTheFirstErrorToArrive(t *testing.T) {
	var wg sync.WaitGroup
	firstToFail := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		ps, err := startAll(ctx, job, jobs)
		if err != nil {
			return nil, []error{err}
		}
		type outcome struct {
			i   int
			n   int
			err error
		}
		outcomes := make(chan outcome, len(ps))
		for i, p := range ps {
			wg.Go(func() {
				n, err := p.Wait(context.WithoutCancel(ctx))
				outcomes <- outcome{i, n, err}
			})
		}
		results := make([]int, len(jobs))
		errs := make([]error, len(jobs))
		for range ps {
			o := <-outcomes
			results[o.i], errs[o.i] = o.n, o.err
			if o.err != nil {
				return results, errs // the others are left to run on
			}
		}
		return results, errs
	}
	r := check.RunAll.Run(firstToFail, roomy)
	wg.Wait()
	rejected(t, r, "perhaps because RunAll returned at the first error")
}

// A right answer unlike the solution: a goroutine per job, each storing
// at its index, and a WaitGroup for all of them.
func TestRunAllAcceptsAGoroutinePerJob(t *testing.T) {
	perJob := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		results := make([]int, len(jobs))
		errs := make([]error, len(jobs))
		var wg sync.WaitGroup
		for i, j := range jobs {
			p := processes.New(job, j)
			if errs[i] = p.Start(ctx); errs[i] != nil {
				continue
			}
			wg.Go(func() { results[i], errs[i] = p.Wait(ctx) })
		}
		wg.Wait()
		return results, errs
	}
	r := check.RunAll.Run(perJob, roomy)
	require.Equal(t, exercise.Passed, r.Status, r.Message)
}

// A goroutine per job with no WaitGroup: RunAll returns before any job has
// even started. The outcomes go to a channel nobody reads, so that the
// check's reading of the results is no data race.
func TestRunAllRejectsGoroutinesNeverWaitedFor(t *testing.T) {
	var waiters sync.WaitGroup // the test's, not the answer's
	defer waiters.Wait()
	noWait := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		outcomes := make(chan error, len(jobs))
		for _, j := range jobs {
			waiters.Go(func() {
				p := processes.New(job, j)
				err := p.Start(ctx)
				if err == nil {
					_, err = p.Wait(ctx)
				}
				outcomes <- err
			})
		}
		return make([]int, len(jobs)), make([]error, len(jobs))
	}
	rejected(t, check.RunAll.Run(noWait, roomy), "RunAll returned while goroutines it started were still waiting")
}

// wg.Add inside the goroutine, each result stored at its index: the check
// runs RunAll on one processor, where the goroutines start only once it
// blocks, so wg.Wait runs before any has added and returns at once. (A Wait
// that finds nothing to wait for leaves the race detector nothing to
// report.)
func TestRunAllRejectsAddInsideTheGoroutine(t *testing.T) {
	var waiters sync.WaitGroup // the test's, so that none is left behind
	defer waiters.Wait()
	addInside := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		var wg sync.WaitGroup
		results, errs := make([]int, len(jobs)), make([]error, len(jobs))
		for i, j := range jobs {
			waiters.Add(1)
			go func() {
				defer waiters.Done()
				wg.Add(1) // too late: Wait may have returned already
				defer wg.Done()
				p := processes.New(job, j)
				err := p.Start(ctx)
				if err == nil {
					results[i], err = p.Wait(ctx)
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		return results, errs
	}
	rejected(t, check.RunAll.Run(addInside, roomy), "wg.Add(1) before the go statement, not inside it")
}

// A goroutine per job appending its outcome under a mutex: the outcomes
// come in the order the jobs finished, and job 0 finishes after 1 and 2.
func TestRunAllRejectsOutcomesInFinishingOrder(t *testing.T) {
	appended := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		return inFinishingOrder(ctx, job, jobs)
	}
	rejected(t, check.RunAll.Run(appended, roomy), "store each job's result and error at its own index")
}

// Waiting in order, and terminating the jobs not waited for yet once one
// has failed: job 3 is held until every other job has ended and the answer
// has settled, so it is still running when the answer reaches it.
func TestRunAllRejectsTerminatingTheOthersAfterAFailure(t *testing.T) {
	stopsTheRest := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		results, errs := make([]int, len(jobs)), make([]error, len(jobs))
		procs := make([]*processes.Process[int], len(jobs))
		for i, j := range jobs {
			procs[i] = processes.New(job, j)
			if err := procs[i].Start(ctx); err != nil {
				errs[i], procs[i] = err, nil
			}
		}
		failed := false
		for i, p := range procs {
			if p == nil {
				continue
			}
			if failed {
				_ = p.Terminate() // no reason to: the others are fine
			}
			results[i], errs[i] = p.Wait(ctx)
			failed = failed || errs[i] != nil
		}
		return results, errs
	}
	rejected(t, check.RunAll.Run(stopsTheRest, roomy), "no reason to stop the others")
}

// Each Wait under a one-second timeout: a job still running then is given
// up on and left running. The check holds a job for longer than the
// deadline it heard the answer's Wait was given.
func TestRunAllRejectsAWaitThatGivesUp(t *testing.T) {
	var started startedProcs[check.Job, int]
	defer started.waitAll(t)
	givesUp := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		results, errs := make([]int, len(jobs)), make([]error, len(jobs))
		ps, err := started.start(ctx, job, jobs)
		if err != nil {
			errs[0] = err
		}
		for i, p := range ps {
			wctx, cancel := context.WithTimeout(ctx, time.Second) // "don't hang on a stuck child"
			results[i], errs[i] = p.Wait(wctx)
			cancel()
		}
		return results, errs
	}
	rejected(t, check.RunAll.Run(givesUp, roomy), "a Wait under a ctx with a deadline (context.WithTimeout: here 1s) gives up")
}

// A timeout that, once passed, kills the process and waits for it: right
// (nothing is left running), however long the check holds the job.
func TestRunAllAcceptsATimeoutThatKillsAndWaits(t *testing.T) {
	killsLate := func(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
		results, errs := make([]int, len(jobs)), make([]error, len(jobs))
		ps, err := startAll(ctx, job, jobs)
		if err != nil {
			errs[0] = err
		}
		for i, p := range ps {
			wctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			results[i], errs[i] = p.Wait(wctx)
			cancel()
			if errors.Is(errs[i], context.DeadlineExceeded) {
				_ = p.Kill()
				_, _ = p.Wait(ctx)
			}
		}
		return results, errs
	}
	r := check.RunAll.Run(killsLate, roomy)
	require.Equal(t, exercise.Passed, r.Status, r.Message)
}
