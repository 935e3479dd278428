package futures

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Python: submit after shutdown raises RuntimeError('cannot schedule new
// futures after shutdown'); shutdown is safe to call twice.
func TestSubmitAfterShutdownIsAnError(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		require.NoError(t, ex.Shutdown(t.Context()))
		require.NoError(t, ex.Shutdown(t.Context()), "twice is harmless")
		_, err := Submit(t.Context(), ex, square, 1)
		require.ErrorIs(t, err, ErrShutdown)
		assert.EqualError(t, err, "futures: submit test.square: cannot schedule new futures after shutdown")
	})
}

// Python: shutdown(wait=True) returns once the pending futures are done.
func TestShutdownWaitsForThePendingTasks(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		var fs []*Future[int]
		for i := range 5 {
			f, err := Submit(t.Context(), ex, square, i)
			require.NoError(t, err)
			fs = append(fs, f)
		}
		require.NoError(t, ex.Shutdown(within(t)))
		for i, f := range fs {
			assert.True(t, f.IsDone())
			v, err := f.Result(t.Context())
			require.NoError(t, err)
			assert.Equal(t, i*i, v)
		}
	})
}

// Python: shutdown(cancel_futures=True) cancels the futures not started;
// the running ones finish. shutdown(wait=False) returns at once.
func TestShutdownCancelPendingAndNoWait(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		g := newGates(t)
		running, err := Submit(t.Context(), ex, gated, g.gate("running"))
		require.NoError(t, err)
		g.started(t)
		var rest []*Future[string]
		for _, name := range []string{"p1", "p2", "p3", "p4", "p5"} {
			f, err := Submit(t.Context(), ex, gated, g.gate(name))
			require.NoError(t, err)
			rest = append(rest, f)
		}
		require.NoError(t, ex.Shutdown(t.Context(), CancelPending(), NoWait()), "no wait: it returns while one runs")
		assert.True(t, running.Running())
		cancelled := 0
		for _, f := range rest {
			if f.Cancelled() {
				cancelled++
			}
		}
		if k.name == "ThreadPool" {
			assert.Equal(t, 5, cancelled)
		} else {
			assert.GreaterOrEqual(t, cancelled, 3, "at most two were handed to the worker process")
		}
		for _, name := range []string{"running", "p1", "p2", "p3", "p4", "p5"} {
			_ = g.release[name].TryPut(struct{}{})
		}
		require.NoError(t, ex.Shutdown(within(t)), "and then it waits")
		_, err = running.Result(t.Context())
		require.NoError(t, err, "the running task finished")
	})
}

func TestShutdownWithAnEndedContext(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		g := newGates(t)
		_, err := Submit(t.Context(), ex, gated, g.gate("x"))
		require.NoError(t, err)
		g.started(t)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		require.ErrorIs(t, ex.Shutdown(ctx), context.Canceled)
		g.let(t, "x")
	})
}

// Python: the default max_workers is min(32, process_cpu_count() + 4) for
// threads and process_cpu_count() for processes.
func TestDefaultWorkers(t *testing.T) {
	tp := kinds[0].make(t, 0)
	assert.Equal(t, min(32, runtime.NumCPU()+4), tp.Workers())
	pp := kinds[1].make(t, 0)
	assert.Equal(t, processes.CPUCount(), pp.Workers())
}

// Python (3.8): idle threads are reused before new ones start, and there
// are never more than max_workers.
func TestAThreadPoolReusesIdleWorkersAndNeverStartsMore(t *testing.T) {
	ex := kinds[0].make(t, 4)
	names := map[string]bool{}
	for range 10 { // one at a time: one worker does them all
		f, err := Submit(t.Context(), ex, who, 0)
		require.NoError(t, err)
		w, err := f.Result(within(t))
		require.NoError(t, err)
		names[w.Name] = true
	}
	assert.Len(t, names, 1, "an idle worker takes the next task: %v", names)

	g := newGates(t)
	peakInFlight.Store(0)
	var fs []*Future[string]
	for i := range 12 {
		f, err := Submit(t.Context(), ex, counted, g.gate(string(rune('a'+i))))
		require.NoError(t, err)
		fs = append(fs, f)
	}
	for range 4 {
		g.started(t)
	}
	for i := range 12 {
		g.let(t, string(rune('a'+i)))
	}
	_, _, err := Wait(within(t), fs, AllCompleted)
	require.NoError(t, err)
	assert.Equal(t, int64(4), peakInFlight.Load(), "four workers, never more")
	tp := ex.(*ThreadPool)
	tp.mu.Lock()
	assert.Equal(t, 4, tp.started)
	tp.mu.Unlock()
}

// Python (3.11): max_tasks_per_child replaces a worker after that many
// tasks: its pid changes.
func TestMaxTasksPerWorkerChangesThePids(t *testing.T) {
	ex := kinds[1].make(t, 1, WithMaxTasksPerWorker(2))
	pids := map[int]int{}
	for range 6 {
		f, err := Submit(t.Context(), ex, who, 0)
		require.NoError(t, err)
		w, err := f.Result(within(t))
		require.NoError(t, err)
		pids[w.PID]++
	}
	assert.Len(t, pids, 3)
	for pid, n := range pids {
		assert.Equal(t, 2, n, "pid %d", pid)
	}
}

// Python: a failing initializer breaks the pool: the pending futures and
// later submissions fail with BrokenThreadPool / BrokenProcessPool.
func TestAFailingInitializerBreaksTheExecutor(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		opts := append([]Option{WithInitializer(setUp, "fail")}, processOptions(k, processes.WithStderr(io.Discard))...)
		ex := k.make(t, 2, opts...)
		f, err := Submit(t.Context(), ex, square, 2)
		if err == nil {
			_, err = f.Result(within(t))
		}
		require.ErrorIs(t, err, ErrBroken)
		assert.ErrorContains(t, err, "set-up failed")
		_, err = Submit(t.Context(), ex, square, 3)
		require.ErrorIs(t, err, ErrBroken, "and later submissions")
	})
}

func TestAnInitializerRunsInEachWorker(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 2, WithInitializer(setUp, "ok"))
		f, err := Submit(t.Context(), ex, square, 4)
		require.NoError(t, err)
		v, err := f.Result(within(t))
		require.NoError(t, err)
		assert.Equal(t, 16, v)
	})
}

// processOptions is opts as an Option for a ProcessPool, and nothing for
// a ThreadPool.
func processOptions(k kind, opts ...processes.Option) []Option {
	if k.name != "ProcessPool" {
		return nil
	}
	return []Option{WithProcessOptions(opts...)}
}

// Python: a worker process that dies breaks the pool: its future, the
// others pending or running, and later submissions fail with
// BrokenProcessPool.
func TestAWorkerThatDiesBreaksTheProcessPool(t *testing.T) {
	ex := kinds[1].make(t, 2, WithProcessOptions(processes.WithStderr(io.Discard)))
	g := newGates(t)
	running, err := Submit(t.Context(), ex, gated, g.gate("running"))
	require.NoError(t, err)
	g.started(t)
	dies, err := Submit(t.Context(), ex, exits, 3)
	require.NoError(t, err)
	_, err = dies.Result(within(t))
	require.ErrorIs(t, err, ErrBroken)
	var died *processes.WorkerDiedError
	require.ErrorAs(t, err, &died, "the cause says which worker died, and how")
	assert.Equal(t, 3, died.Exit.Code)
	assert.ErrorContains(t, err, "a process in the pool was terminated abruptly")

	_, err = running.Result(within(t))
	require.ErrorIs(t, err, ErrBroken, "the task another worker ran fails with the pool")
	_, err = Submit(t.Context(), ex, square, 1)
	require.ErrorIs(t, err, ErrBroken, "and so do later submissions")
}

// Lesson 01's workers have pipes of their own: with ReplaceCrashedWorkers
// only the task that ran fails.
func TestReplaceCrashedWorkers(t *testing.T) {
	ex := kinds[1].make(t, 2, ReplaceCrashedWorkers(), WithProcessOptions(processes.WithStderr(io.Discard)))
	g := newGates(t)
	running, err := Submit(t.Context(), ex, gated, g.gate("running"))
	require.NoError(t, err)
	g.started(t)
	dies, err := Submit(t.Context(), ex, exits, 3)
	require.NoError(t, err)
	_, err = dies.Result(within(t))
	var died *processes.WorkerDiedError
	require.ErrorAs(t, err, &died)
	assert.NotErrorIs(t, err, ErrBroken)
	g.let(t, "running")
	v, err := running.Result(within(t))
	require.NoError(t, err)
	assert.Equal(t, "running", v)
	f, err := Submit(t.Context(), ex, square, 5)
	require.NoError(t, err)
	n, err := f.Result(within(t))
	require.NoError(t, err)
	assert.Equal(t, 25, n)
}

// Python (3.14): terminate_workers and kill_workers stop the workers now;
// the pending futures are cancelled, the running ones fail, and the pool
// takes nothing more.
func TestTerminateAndKillWorkers(t *testing.T) {
	for _, stop := range []func(*ProcessPool){(*ProcessPool).TerminateWorkers, (*ProcessPool).KillWorkers} {
		ex := kinds[1].make(t, 1).(*ProcessPool)
		g := newGates(t)
		running, err := Submit(t.Context(), ex, gated, g.gate("running"))
		require.NoError(t, err)
		g.started(t)
		var rest []*Future[string]
		for _, name := range []string{"a", "b", "c", "d"} {
			f, err := Submit(t.Context(), ex, gated, g.gate(name))
			require.NoError(t, err)
			rest = append(rest, f)
		}
		stop(ex)
		_, err = running.Result(within(t))
		require.ErrorIs(t, err, ErrBroken)
		assert.True(t, rest[3].Cancelled(), "one not handed over is cancelled")
		_, err = Submit(t.Context(), ex, square, 1)
		require.Error(t, err)
	}
}

func TestExecutorBadInput(t *testing.T) {
	_, err := NewThreadPool(-1)
	require.ErrorContains(t, err, "-1 workers")
	_, err = NewProcessPool(-2)
	require.ErrorContains(t, err, "-2 workers")
	_, err = NewThreadPool(1, WithMaxTasksPerWorker(3))
	require.ErrorContains(t, err, "for a ProcessPool")
	_, err = NewThreadPool(1, ReplaceCrashedWorkers())
	require.ErrorContains(t, err, "for a ProcessPool")
	_, err = NewProcessPool(1, WithMaxTasksPerWorker(0))
	require.ErrorContains(t, err, "at least 1 task")

	ex := kinds[0].make(t, 1)
	_, err = Submit[int, int](t.Context(), ex, nil, 1)
	require.ErrorContains(t, err, "the function is nil")
	_, err = Submit(t.Context(), nil, square, 1)
	require.ErrorContains(t, err, "the executor is nil")

	// A function registered after start-up runs on goroutines, not in a
	// worker process: the ProcessPool refuses it when it is submitted.
	late := processes.Register(fmt.Sprintf("test.late.%d", lates.Add(1)), func(_ context.Context, n int) (int, error) { return n, nil })
	f, err := Submit(t.Context(), ex, late, 6)
	require.NoError(t, err)
	v, err := f.Result(within(t))
	require.NoError(t, err)
	assert.Equal(t, 6, v)
	px := kinds[1].make(t, 1)
	_, err = Submit(t.Context(), px, late, 6)
	require.ErrorIs(t, err, processes.ErrNotRegistered)

	// An argument that cannot cross is refused before anything is sent.
	_, err = Submit(t.Context(), px, echoPtr, []*int{nil})
	require.ErrorContains(t, err, "arg[0] is a nil *int")

	// A result that cannot cross fails its task.
	f2, err := Submit(t.Context(), px, nilResult, 0)
	require.NoError(t, err)
	_, err = f2.Result(within(t))
	require.ErrorContains(t, err, "cannot cross back")
}

// lates numbers the functions registered late, one per run of a test.
var lates atomic.Int64

var (
	echoPtr   = processes.Register("test.echoptr", func(_ context.Context, p []*int) (int, error) { return len(p), nil })
	nilResult = processes.Register("test.nilresult", func(_ context.Context, _ int) ([]*int, error) { return []*int{nil}, nil })
)

// Python's executors take tasks from one queue, in the order submitted: so
// does a pool of one worker here, on both kinds, however its feeding
// interleaves with the results coming back.
func TestOneWorkerRunsTasksInTheOrderSubmitted(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		order := processes.NewQueue[int](0)
		defer order.Close()
		var fs []*Future[int]
		for i := range 300 {
			f, err := Submit(t.Context(), ex, record, recordArg{i, order})
			require.NoError(t, err)
			fs = append(fs, f)
		}
		_, _, err := Wait(within(t), fs, AllCompleted)
		require.NoError(t, err)
		for i := range 300 {
			n, err := order.TryGet()
			require.NoError(t, err)
			require.Equal(t, i, n, "task %d ran out of turn", n)
		}
	})
}

// Python's rule: once a worker has died, no task starts in another
// worker: all fail with the pool.
func TestNoTaskStartsOnceTheProcessPoolIsBroken(t *testing.T) {
	for range 5 {
		ex := kinds[1].make(t, 1, WithProcessOptions(processes.WithStderr(io.Discard)))
		order := processes.NewQueue[int](0)
		dies, err := Submit(t.Context(), ex, exits, 3)
		require.NoError(t, err)
		var fs []*Future[int]
		for i := range 20 {
			f, err := Submit(t.Context(), ex, record, recordArg{i, order})
			if err != nil {
				require.ErrorIs(t, err, ErrBroken)
				break
			}
			fs = append(fs, f)
		}
		require.ErrorIs(t, dies.Err(within(t)), ErrBroken)
		for _, f := range fs {
			require.ErrorIs(t, f.Err(within(t)), ErrBroken)
		}
		assert.Zero(t, order.Len(), "no task started after the worker died")
		order.Close()
	}
}
