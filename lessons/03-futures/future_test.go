package futures

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/syncwriter"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

func TestSubmitAndResult(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 2)
		f, err := Submit(t.Context(), ex, square, 7)
		require.NoError(t, err)
		v, err := f.Result(within(t))
		require.NoError(t, err)
		assert.Equal(t, 49, v)
		assert.True(t, f.IsDone())
		assert.Equal(t, Finished, f.State())
		assert.False(t, f.Cancelled())
		assert.False(t, f.Running())
		select {
		case <-f.Done():
		default:
			t.Fatal("Done is not closed after Result returned")
		}
	})
}

// Python: result() re-raises the exception the call raised.
func TestResultReturnsTheTasksError(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		f, err := Submit(t.Context(), ex, fail, 3)
		require.NoError(t, err)
		_, err = f.Result(within(t))
		require.ErrorContains(t, err, "no square for 3")
		assert.Equal(t, err, f.Err(within(t)), "Err is Python's exception()")
	})
}

// A panic keeps its value and the stack where it happened, on a goroutine
// and in a child process (Python: __cause__ is the remote traceback).
func TestAPanicKeepsItsValueAndStack(t *testing.T) {
	ex := kinds[0].make(t, 1)
	f, err := Submit(t.Context(), ex, panics, "out of squares")
	require.NoError(t, err)
	_, err = f.Result(within(t))
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "out of squares", pe.Value)
	assert.Contains(t, pe.Stack, "funcs_test.go")

	px := kinds[1].make(t, 1)
	f, err = Submit(t.Context(), px, panics, "out of squares")
	require.NoError(t, err)
	_, err = f.Result(within(t))
	var ppe *processes.PanicError
	require.ErrorAs(t, err, &ppe)
	assert.Equal(t, "out of squares", ppe.Value)
	assert.Contains(t, ppe.Stack, "funcs_test.go", "the child's stack text comes back")
}

// Python: result(timeout) raises TimeoutError if the future is not done in
// time; the task goes on.
func TestResultWithADeadlineReturnsItsErrorAndTheTaskGoesOn(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		g := newGates(t)
		f, err := Submit(t.Context(), ex, gated, g.gate("slow"))
		require.NoError(t, err)
		g.started(t)
		ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
		defer cancel()
		_, err = f.Result(ctx)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.True(t, f.Running())
		g.let(t, "slow")
		v, err := f.Result(within(t))
		require.NoError(t, err)
		assert.Equal(t, "slow", v)
	})
}

// Python: cancel() returns False if the call is running or finished, True
// (and cancels) if it is pending; a cancelled future never runs, and its
// result() raises CancelledError; cancelling twice is True.
func TestCancelOnlyWhilePending(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		g := newGates(t)
		running, err := Submit(t.Context(), ex, gated, g.gate("running"))
		require.NoError(t, err)
		require.Equal(t, "running", g.started(t))
		// On the process kind the pool hands up to 3 tasks to one worker:
		// fill that, so the next one waits in the executor's own queue.
		var handed []*Future[string]
		if k.name == "ProcessPool" {
			for _, name := range []string{"h1", "h2"} {
				f, err := Submit(t.Context(), ex, gated, g.gate(name))
				require.NoError(t, err)
				handed = append(handed, f)
			}
		}
		pending, err := Submit(t.Context(), ex, gated, g.gate("pending"))
		require.NoError(t, err)
		assert.Equal(t, Pending, pending.State())

		assert.False(t, running.Cancel(), "a running task cannot be cancelled")
		assert.True(t, pending.Cancel())
		assert.True(t, pending.Cancel(), "cancelling twice is still true")
		assert.True(t, pending.Cancelled())
		assert.True(t, pending.IsDone())
		_, err = pending.Result(within(t))
		require.ErrorIs(t, err, ErrCancelled)

		g.let(t, "running")
		_, err = running.Result(within(t))
		require.NoError(t, err)
		assert.False(t, running.Cancel(), "a finished task cannot be cancelled")
		for i, f := range handed {
			g.let(t, []string{"h1", "h2"}[i])
			_, err := f.Result(within(t))
			require.NoError(t, err)
		}
		require.NoError(t, ex.Close())
		for g.starts.Len() > 0 {
			assert.NotEqual(t, "pending", g.started(t), "the cancelled task never starts")
		}
	})
}

// Beyond Python: Stop cancels a running task through its context, on both
// kinds, and its outcome says so.
func TestStopCancelsARunningTask(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		g := newGates(t)
		f, err := Submit(t.Context(), ex, untilStopped, g.gate("long"))
		require.NoError(t, err)
		g.started(t)
		assert.True(t, f.Stop())
		_, err = f.Result(within(t))
		require.ErrorIs(t, err, ErrStopped)
		assert.False(t, f.Cancelled(), "it had started: stopped, not cancelled")
		if k.name == "ThreadPool" {
			assert.ErrorContains(t, err, "long saw: futures: stopped while running", "the task saw ErrStopped as its context's cause")
		}
		assert.False(t, f.Stop(), "a finished task cannot be stopped")
	})
}

// The submitter's context is the task's: when it ends, a pending task is
// cancelled and a running one is stopped.
func TestTheSubmittersContextEndsTheTask(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		g := newGates(t)
		ctx, cancel := context.WithCancel(t.Context())
		f, err := Submit(ctx, ex, untilStopped, g.gate("long"))
		require.NoError(t, err)
		g.started(t)
		cancel()
		_, err = f.Result(within(t))
		require.ErrorIs(t, err, context.Canceled)
	})
}

// Python: add_done_callback calls fn at once if the future is done, and
// otherwise when it is; callbacks run in the order added; an exception in
// one is logged and ignored.
func TestDoneCallbacks(t *testing.T) {
	var reports bytes.Buffer
	callbackReports = syncwriter.New(&reports)
	defer func() { callbackReports = nil }()

	eachKind(t, func(t *testing.T, k kind) {
		reports.Reset()
		ex := k.make(t, 1)
		g := newGates(t)
		f, err := Submit(t.Context(), ex, gated, g.gate("x"))
		require.NoError(t, err)
		var mu sync.Mutex
		var order []int
		all := make(chan struct{})
		add := func(i int) {
			f.AddDoneCallback(func(got *Future[string]) {
				assert.Same(t, f, got)
				assert.True(t, got.IsDone(), "a callback runs once the future is done")
				mu.Lock()
				order = append(order, i)
				n := len(order)
				mu.Unlock()
				if i == 2 {
					panic("callback 2 panics")
				}
				if n == 4 {
					close(all)
				}
			})
		}
		for i := range 4 {
			add(i + 1)
		}
		g.started(t)
		g.let(t, "x")
		select {
		case <-all:
		case <-within(t).Done():
			t.Fatal("the callbacks did not all run")
		}
		mu.Lock()
		assert.Equal(t, []int{1, 2, 3, 4}, order, "in the order added, the one after the panic too")
		mu.Unlock()
		assert.Contains(t, reports.String(), "futures: a done-callback panicked: callback 2 panics")

		ran := false
		f.AddDoneCallback(func(*Future[string]) { ran = true })
		assert.True(t, ran, "added to a done future, it runs at once, on the caller's goroutine")
	})
}

func TestCurrentSaysWhoRunsTheTask(t *testing.T) {
	ex := kinds[0].make(t, 1, WithNamePrefix("pool"))
	f, err := Submit(t.Context(), ex, who, 0)
	require.NoError(t, err)
	w, err := f.Result(within(t))
	require.NoError(t, err)
	assert.Equal(t, "pool_0", w.Name)

	px := kinds[1].make(t, 1)
	f, err = Submit(t.Context(), px, who, 0)
	require.NoError(t, err)
	w, err = f.Result(within(t))
	require.NoError(t, err)
	assert.Regexp(t, `^PoolWorker-\d+$`, w.Name)
	assert.NotEqual(t, processes.Current().PID, w.PID)

	assert.Equal(t, "MainProcess", Current(t.Context()).Name)
}

var _ = errors.New
var _ = strings.Contains
