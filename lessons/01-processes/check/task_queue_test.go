package check_test

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

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

// startWorkers starts n workers running drain on the same queues.
func startWorkers(ctx context.Context, drain *processes.Func[check.Work, int], w check.Work, n int) ([]*processes.Process[int], error) {
	args := make([]check.Work, n)
	for i := range args {
		args[i] = w
	}
	return startAll(ctx, drain, args)
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
		ps, err := startWorkers(ctx, drain, w, workers)
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
		started, err = startWorkers(ctx, drain, w, workers)
		return drainResults(w.Results), err
	}
	r := check.TaskQueue.Run(noWait, roomy)
	for _, p := range started { // the check reaped them; this ends their watchers
		_, _ = p.Wait(t.Context())
	}
	rejected(t, r, "results were lost", "never waited for")
}

// Every result taken off the queue, but no worker waited for: each worker
// exits microseconds after its last result, so the check holds it there
// until the answer waits for it or returns.
func TestTaskQueueRejectsResultsCountedWithoutWaiting(t *testing.T) {
	var (
		mu      sync.Mutex
		started []*processes.Process[int]
	)
	counts := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		w, err := queues(ctx, probe, tasks)
		if err != nil {
			return nil, err
		}
		ps, err := startWorkers(ctx, drain, w, workers)
		mu.Lock()
		started = ps
		mu.Unlock()
		if err != nil {
			return nil, err
		}
		var results []string
		for range tasks { // one result per task, and then return
			r, err := w.Results.Get(ctx)
			if err != nil {
				return results, err
			}
			results = append(results, r)
		}
		return results, nil
	}
	r := check.TaskQueue.Run(counts, roomy)
	mu.Lock()
	for _, p := range started {
		_, _ = p.Wait(t.Context())
	}
	mu.Unlock()
	rejected(t, r, "a worker was never waited for")
}

// A results queue with a bound, waited on before it is read: with enough
// tasks the workers wait for room on it, and Wait for the workers.
func TestTaskQueueRejectsWaitingBeforeReadingABoundedQueue(t *testing.T) {
	var (
		mu      sync.Mutex
		results *processes.Queue[string]
	)
	finished := make(chan struct{})
	bounded := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		defer close(finished)
		w := check.Work{Tasks: processes.NewQueue[string](0), Results: processes.NewQueue[string](8), Probe: probe}
		mu.Lock()
		results = w.Results
		mu.Unlock()
		for _, t := range tasks {
			if err := w.Tasks.Put(ctx, t); err != nil {
				return nil, err
			}
		}
		ps, err := startWorkers(ctx, drain, w, workers)
		for _, p := range ps {
			_, _ = p.Wait(ctx) // the workers wait for room on Results
		}
		return drainResults(w.Results), err
	}
	r := check.TaskQueue.Run(bounded, exercise.WithCallBound(time.Second))
	// Unblock the stuck answer: take results off until it has finished.
	mu.Lock()
	q := results
	mu.Unlock()
	for done := false; !done; {
		select {
		case <-finished:
			done = true
		default:
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
			_, _ = q.Get(ctx)
			cancel()
		}
	}
	rejected(t, r, "the results queue is full")
}

// A goroutine waits for each worker, but nothing waits for the goroutines:
// the answer returns as soon as it has taken every result.
func TestTaskQueueRejectsGoroutinesNeverWaitedFor(t *testing.T) {
	var waiters sync.WaitGroup // the test's, not the answer's
	defer waiters.Wait()
	unwaited := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		w, err := queues(ctx, probe, tasks)
		if err != nil {
			return nil, err
		}
		ps, err := startWorkers(ctx, drain, w, workers)
		for _, p := range ps {
			waiters.Go(func() { _, _ = p.Wait(ctx) }) // never waited for by the answer
		}
		if err != nil {
			return nil, err
		}
		var out []string
		for range tasks {
			r, err := w.Results.Get(ctx)
			if err != nil {
				return out, err
			}
			out = append(out, r)
		}
		return out, nil
	}
	rejected(t, check.TaskQueue.Run(unwaited, roomy), "TaskQueue returned while goroutines it started were still waiting")
}

// A goroutine per worker waits for it, then takes results off the queue
// into one slice they all append to, with no mutex. The queue is safe to
// share, the slice is not; but the appends take nanoseconds, and no check
// can hold a goroutine inside one: only the race detector sees this (the
// check's TaskQueue passes it without -race, and the README says to run
// the checks with -race). Under -race, its report comes with the
// exercise's Race text.
func TestTaskQueueRaceOnOneSliceIsExplained(t *testing.T) {
	if !exercise.RaceEnabled {
		t.Skip("only the race detector sees this answer's mistake: run go test -race")
	}
	racy := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		w, err := queues(ctx, probe, tasks)
		if err != nil {
			return nil, err
		}
		ps, err := startWorkers(ctx, drain, w, workers)
		var out []string
		var wg sync.WaitGroup
		errs := make([]error, len(ps))
		for i, p := range ps {
			wg.Go(func() {
				_, errs[i] = p.Wait(ctx)
				out = append(out, drainResults(w.Results)...) // no mutex
			})
		}
		wg.Wait()
		return out, errors.Join(append(errs, err)...)
	}
	out := exercise.ExpectRace(t, func() { check.TaskQueue.Test(t, racy) })
	if out == "" {
		return // in the copy of the test binary that ran the racy code
	}
	assert.Contains(t, out, "likely mistake: a slice or counter of your own shared by goroutines")
}

// As many workers as the machine has CPUs, not the workers argument: the
// check never asks for runtime.NumCPU() workers.
func TestTaskQueueRejectsNumCPUWorkers(t *testing.T) {
	byMachine := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, _ int) ([]string, error) {
		w, err := queues(ctx, probe, tasks)
		if err != nil {
			return nil, err
		}
		ps, err := startWorkers(ctx, drain, w, runtime.NumCPU())
		for _, p := range ps {
			_, _ = p.Wait(ctx)
		}
		return drainResults(w.Results), err
	}
	rejected(t, check.TaskQueue.Run(byMachine, quick, roomy), "start exactly workers processes")
}

// The workers started before the tasks are put: drain stops at an empty
// queue, so a worker that starts first may end at once. Processes start
// slowly enough that the tasks are usually in before any worker looks, so
// the check looks at the queue when the first worker starts.
func TestTaskQueueRejectsStartingTheWorkersBeforeTheTasksArePut(t *testing.T) {
	workersFirst := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		w, err := queues(ctx, probe, nil) // no task yet
		if err != nil {
			return nil, err
		}
		ps, err := startWorkers(ctx, drain, w, workers)
		for _, task := range tasks {
			if err := w.Tasks.Put(ctx, task); err != nil {
				return nil, err
			}
		}
		for _, p := range ps {
			_, _ = p.Wait(ctx)
		}
		return drainResults(w.Results), err
	}
	rejected(t, check.TaskQueue.Run(workersFirst, roomy), "the workers were started before the tasks were put")
}

// A task queue with a bound, one task per worker, filled before any worker
// starts: the Put after the bound waits for ever.
func TestTaskQueueRejectsABoundedTaskQueueFilledFirst(t *testing.T) {
	var (
		calls sync.WaitGroup
		mu    sync.Mutex
		taskQ *processes.Queue[string]
	)
	bounded := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		calls.Add(1) // before Run returns: the check's call runs it at once
		defer calls.Done()
		w := check.Work{Tasks: processes.NewQueue[string](workers), Results: processes.NewQueue[string](0), Probe: probe}
		mu.Lock()
		taskQ = w.Tasks
		mu.Unlock()
		for _, task := range tasks {
			if err := w.Tasks.Put(ctx, task); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
	r := check.TaskQueue.Run(bounded, exercise.WithCallBound(time.Second))
	mu.Lock()
	_ = taskQ.Close() // ends the stuck Put
	mu.Unlock()
	calls.Wait()
	rejected(t, r, "it waits to put a task on a full task queue")
}

// Returning at the first worker's error: the check kills the worker
// started first once all have done their tasks, and holds the others until
// the answer waits for them.
func TestTaskQueueRejectsReturningAtAWorkersError(t *testing.T) {
	var started []*processes.Process[int]
	returnsAtError := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		w, err := queues(ctx, probe, tasks)
		if err != nil {
			return nil, err
		}
		started, err = startWorkers(ctx, drain, w, workers)
		if err != nil {
			return nil, err
		}
		for _, p := range started {
			if _, err := p.Wait(ctx); err != nil {
				return nil, err // the others still run
			}
		}
		return drainResults(w.Results), nil
	}
	r := check.TaskQueue.Run(returnsAtError, roomy)
	for _, p := range started { // the check let them go when it ended
		_, _ = p.Wait(t.Context())
	}
	rejected(t, r, "when a worker failed, TaskQueue returned without waiting for the workers still running")
}

// Every worker waited for, the error of the one that died dropped.
func TestTaskQueueRejectsADroppedWorkerError(t *testing.T) {
	dropsError := func(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
		w, err := queues(ctx, probe, tasks)
		if err != nil {
			return nil, err
		}
		ps, err := startWorkers(ctx, drain, w, workers)
		for _, p := range ps {
			_, _ = p.Wait(ctx) // the error is lost
		}
		return drainResults(w.Results), err
	}
	rejected(t, check.TaskQueue.Run(dropsError, roomy), "the error of a worker's Wait was dropped")
}
