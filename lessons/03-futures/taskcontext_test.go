package futures

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// A task's cancellable context is made only when the task first looks at
// it (Done, Err, Cause, a derived context). These functions look late: they
// wait without their context, then report what it says.
var (
	// looksLate reports its context's cause, and a derived context's.
	looksLate = processes.Register("test.lookslate", func(ctx context.Context, g gate) (string, error) {
		if err := g.Started.Put(context.Background(), g.Name); err != nil {
			return "", err
		}
		if _, err := g.Release.Get(context.Background()); err != nil {
			return "", err
		}
		derived, cancel := context.WithCancel(ctx)
		defer cancel()
		return fmt.Sprintf("cause %v, err %v, derived %v", context.Cause(ctx), ctx.Err(), context.Cause(derived)), nil
	})

	// keepsContext returns its context, as a goroutine the task left
	// behind would keep it.
	keepsContext = processes.Register("test.keepscontext", func(ctx context.Context, _ int) (context.Context, error) {
		return ctx, nil
	})
)

func newThreadPool(t *testing.T, workers int) *ThreadPool {
	ex, err := NewThreadPool(workers)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, ex.Close()) })
	return ex
}

// Stop before the task first looks at its context: the context says
// ErrStopped all the same, and so does one derived from it afterwards.
func TestAContextFirstLookedAtAfterStopIsStopped(t *testing.T) {
	ex := newThreadPool(t, 1)
	g := newGates(t)
	f, err := Submit(t.Context(), ex, looksLate, g.gate("late"))
	require.NoError(t, err)
	g.started(t)
	require.True(t, f.Stop(), "a running task can be stopped")
	g.let(t, "late")
	got, err := f.Result(within(t))
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("cause %v, err %v, derived %v", ErrStopped, context.Canceled, ErrStopped), got)
}

// The submitter's context ends before the task first looks at its own:
// the task's context has the submitter's cause.
func TestAContextFirstLookedAtAfterTheSubmittersEndedHasItsCause(t *testing.T) {
	ex := newThreadPool(t, 1)
	g := newGates(t)
	why := errors.New("the submitter gave up")
	ctx, cancel := context.WithCancelCause(t.Context())
	f, err := Submit(ctx, ex, looksLate, g.gate("late"))
	require.NoError(t, err)
	g.started(t)
	cancel(why)
	g.let(t, "late")
	got, err := f.Result(within(t))
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("cause %v, err %v, derived %v", why, context.Canceled, why), got)
}

// A task that never looked at its context leaves one that is cancelled
// once the task has finished, as it would be had it looked from the start.
func TestAContextFirstLookedAtAfterTheTaskEndedIsCancelled(t *testing.T) {
	ex := newThreadPool(t, 1)
	f, err := Submit(t.Context(), ex, keepsContext, 0)
	require.NoError(t, err)
	ctx, err := f.Result(within(t))
	require.NoError(t, err)
	select {
	case <-ctx.Done():
	default:
		t.Fatal("the context of a finished task is not done")
	}
	assert.ErrorIs(t, context.Cause(ctx), context.Canceled)
	derived, cancel := context.WithCancel(ctx)
	defer cancel()
	assert.ErrorIs(t, derived.Err(), context.Canceled, "a context derived from a finished task's is done at once")
	assert.Equal(t, "ThreadPool", Current(ctx).Name[:len("ThreadPool")], "the context still names its worker")
}
