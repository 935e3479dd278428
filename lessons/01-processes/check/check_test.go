package check_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Each test keeps a wrong answer a learner might write and shows that its
// check rejects it, for the right reason.

func TestMain(m *testing.M) { check.Main(m) }

// quick is the patience for answers that run things one after the other:
// the barrier can never open for them, so there is no reason to wait long.
// Answers whose flaw is something else keep the default patience: starting
// several processes on a loaded machine may take a while, and the barrier
// must not be what rejects them.
var quick = exercise.WithPatience(100 * time.Millisecond)

// roomy leaves the learner's code time to start processes: the call bound,
// unlike the patience, is not what catches a wrong answer here.
var roomy = exercise.WithCallBound(30 * time.Second)

// rejected asserts that the check rejected a wrong answer with one of the
// likely mistakes given (some wrong answers show one symptom or another,
// depending on how far the children got).
func rejected(t *testing.T, r exercise.Result, likely ...string) {
	t.Helper()
	require.Equal(t, exercise.Failed, r.Status, "the check should reject this answer; it said:\n%s", r.Message)
	found := false
	for _, l := range likely {
		found = found || strings.Contains(r.Mistake.Likely, l)
	}
	assert.True(t, found, "the check rejected it for another reason than %q:\n%s", likely, r.Message)
	t.Log("\n" + r.Message)
}

// startAll starts fn on every argument and returns the processes.
func startAll[A, R any](ctx context.Context, fn *processes.Func[A, R], args []A) ([]*processes.Process[R], error) {
	var ps []*processes.Process[R]
	for _, a := range args {
		p := processes.New(fn, a)
		if err := p.Start(ctx); err != nil {
			return ps, err
		}
		ps = append(ps, p)
	}
	return ps, nil
}

// --- exercise 1: CountPrimes ---

func TestCountPrimesRejectsOneRangeAfterTheOther(t *testing.T) {
	oneByOne := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, _ int) ([]int, error) {
		var out []int
		for _, r := range ranges {
			p := processes.New(count, r)
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			n, err := p.Wait(ctx)
			if err != nil {
				return nil, err
			}
			out = append(out, n)
		}
		return out, nil
	}
	rejected(t, check.CountPrimes.Run(oneByOne, quick, roomy), "the exercise is the pool")
}

func TestCountPrimesRejectsCountingInTheParent(t *testing.T) {
	inParent := func(_ context.Context, _ *processes.Func[check.Range, int], ranges []check.Range, _ int) ([]int, error) {
		var out []int
		for _, r := range ranges {
			out = append(out, check.PrimesIn(r.From, r.To))
		}
		return out, nil
	}
	rejected(t, check.CountPrimes.Run(inParent, roomy), "counted in this process")
}

func TestCountPrimesRejectsAPoolOfOne(t *testing.T) {
	poolOfOne := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, _ int) ([]int, error) {
		pool, err := processes.NewPool(1)
		if err != nil {
			return nil, err
		}
		defer func() {
			pool.Close()
			_ = pool.Join(ctx)
		}()
		return processes.Map(ctx, pool, count, ranges)
	}
	rejected(t, check.CountPrimes.Run(poolOfOne, quick, roomy), "one after the other")
}

func TestCountPrimesRejectsAPoolNeverClosed(t *testing.T) {
	var leaked *processes.Pool
	neverClosed := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		leaked = pool
		return processes.Map(ctx, pool, count, ranges)
	}
	r := check.CountPrimes.Run(neverClosed, roomy)
	leaked.Terminate()
	require.NoError(t, leaked.Join(t.Context()))
	rejected(t, r, "call pool.Close() and then pool.Join(ctx)")
}

func TestCountPrimesRejectsAPoolLeftOpenWhenMapFails(t *testing.T) {
	var leaked []*processes.Pool
	closesOnSuccessOnly := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		counts, err := processes.Map(ctx, pool, count, ranges)
		if err != nil {
			leaked = append(leaked, pool)
			return nil, err // the pool is left running
		}
		pool.Close()
		return counts, pool.Join(ctx)
	}
	r := check.CountPrimes.Run(closesOnSuccessOnly, roomy)
	for _, p := range leaked {
		p.Terminate()
		require.NoError(t, p.Join(t.Context()))
	}
	rejected(t, r, "when Map fails, the pool is not closed")
}

func TestCountPrimesRejectsResultsInFinishingOrder(t *testing.T) {
	finishingOrder := func(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
		pool, err := processes.NewPool(workers)
		if err != nil {
			return nil, err
		}
		defer func() {
			pool.Close()
			_ = pool.Join(ctx)
		}()
		var mu sync.Mutex
		var out []int
		var wg sync.WaitGroup
		for _, r := range ranges {
			wg.Add(1)
			if _, err := processes.ApplyAsync(ctx, pool, count, r, func(n int, _ error) {
				defer wg.Done()
				mu.Lock()
				out = append(out, n) // in the order the tasks finish
				mu.Unlock()
			}); err != nil {
				return nil, err
			}
		}
		wg.Wait()
		return out, nil
	}
	rejected(t, check.CountPrimes.Run(finishingOrder, roomy), "in the order the tasks finished")
}

// --- exercise 2: TaskQueue ---

func queues(ctx context.Context, probe check.Probe, tasks []string) (check.Work, error) {
	w := check.Work{Tasks: processes.NewQueue[string](0), Results: processes.NewQueue[string](0), Probe: probe}
	for _, t := range tasks {
		if err := w.Tasks.Put(ctx, t); err != nil {
			return w, err
		}
	}
	return w, nil
}

func drainResults(q *processes.Queue[string]) []string {
	var out []string
	for {
		r, err := q.TryGet()
		if err != nil {
			return out
		}
		out = append(out, r)
	}
}

func TestTaskQueueRejectsWorkersOneAfterTheOther(t *testing.T) {
	oneByOne := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		w, err := queues(ctx, probe, tasks)
		if err != nil {
			return nil, err
		}
		for range workers {
			p := processes.New(drain, w)
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			if _, err := p.Wait(ctx); err != nil {
				return nil, err
			}
		}
		return drainResults(w.Results), nil
	}
	rejected(t, check.TaskQueue.Run(oneByOne, quick, roomy), "the first does every task")
}

func TestTaskQueueRejectsTakingResultsTooEarly(t *testing.T) {
	early := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		w, err := queues(ctx, probe, tasks)
		if err != nil {
			return nil, err
		}
		args := make([]check.Work, workers)
		for i := range args {
			args[i] = w
		}
		ps, err := startAll(ctx, drain, args)
		results := drainResults(w.Results) // while the workers still run
		for _, p := range ps {
			_, _ = p.Wait(ctx)
		}
		return results, err
	}
	rejected(t, check.TaskQueue.Run(early, roomy), "results were lost")
}

func TestTaskQueueRejectsNotWaiting(t *testing.T) {
	var started []*processes.Process[int]
	noWait := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		w, err := queues(ctx, probe, tasks)
		if err != nil {
			return nil, err
		}
		args := make([]check.Work, workers)
		for i := range args {
			args[i] = w
		}
		started, err = startAll(ctx, drain, args)
		return drainResults(w.Results), err
	}
	r := check.TaskQueue.Run(noWait, roomy)
	for _, p := range started { // the check reaped them; this ends their watchers
		_, _ = p.Wait(t.Context())
	}
	rejected(t, r, "results were lost", "never waited for")
}

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

// --- exercise 4: GreetAll ---

func TestGreetAllRejectsTheSerialisedLoop(t *testing.T) {
	serialised := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		var out []string
		for _, city := range cities {
			p := processes.New(greet, city)
			if err := p.Start(ctx); err != nil {
				return nil, err
			}
			s, err := p.Wait(ctx)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	}
	rejected(t, check.GreetAll.Run(serialised, quick, roomy), "Wait right after Start")
}

func TestGreetAllRejectsAForgottenProcess(t *testing.T) {
	var last *processes.Process[string]
	forgetsLast := func(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
		ps, err := startAll(ctx, greet, cities)
		if err != nil {
			return nil, err
		}
		last = ps[len(ps)-1]
		out := make([]string, len(cities))
		for i, p := range ps[:len(ps)-1] { // off by one: the last is never waited for
			if out[i], err = p.Wait(ctx); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	r := check.GreetAll.Run(forgetsLast, roomy)
	_, _ = last.Wait(t.Context())
	rejected(t, r, "never waited for")
}

func TestEveryExerciseHasItsFileAndSection(t *testing.T) {
	exercise.VerifyInfos(t, "../../..", check.All())
}
