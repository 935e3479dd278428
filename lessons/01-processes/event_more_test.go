package processes

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// More of an Event's rules: what a Set wakes, what a waiter that gives up
// leaves behind, who may close it, and how far down its handle reaches.

var (
	// waitWithin waits for the event for at most d.
	waitWithin = Register("test.eventwithin", func(ctx context.Context, w Waiting) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, w.Within)
		defer cancel()
		return "", w.Event.Wait(ctx)
	})

	// closeTheEvent tries to close an event it was handed.
	closeTheEvent = Register("test.closeevent", func(_ context.Context, e *Event) (string, error) {
		return "", e.Close()
	})

	// setInAGrandchild hands the event to a child of its own, which sets
	// it.
	setInAGrandchild = Register("test.eventgrandchild", func(ctx context.Context, e *Event) (bool, error) {
		return New(setEvent, e).startAndWait(ctx)
	})
)

// Waiting is an event and how long to wait for it.
type Waiting struct {
	Event  *Event
	Within time.Duration
}

func (p *Process[R]) startAndWait(ctx context.Context) (R, error) {
	if err := p.Start(ctx); err != nil {
		var zero R
		return zero, err
	}
	return p.Wait(ctx)
}

// waiters waits, boundedly, until n calls of Wait are waiting for e in this
// process (its own, or served for children).
func waiters(t *testing.T, e *Event, n int) {
	t.Helper()
	require.Eventually(t, func() bool {
		e.core.mu.Lock()
		defer e.core.mu.Unlock()
		return e.core.waiting == n
	}, 10*time.Second, time.Millisecond, "%d waiters on the event", n)
}

// A Set wakes everyone waiting then, even if the flag is cleared at once:
// threading.Event's rule (a waiter that missed it would wait forever).
func TestASetWakesTheWaitersEvenIfClearedAtOnce(t *testing.T) {
	e := NewEvent()
	defer e.Close()
	child := startProcess(t, waitForEvent, e)
	here := make(chan error, 1)
	go func() { here <- e.Wait(t.Context()) }()
	waiters(t, e, 2)

	require.NoError(t, e.Set())
	require.NoError(t, e.Clear())
	require.NoError(t, <-here)
	name, err := child.Wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, child.Name(), name)
	set, err := e.IsSet()
	require.NoError(t, err)
	assert.False(t, set)

	// A Wait that starts after the Clear waits again.
	ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, e.Wait(ctx), context.DeadlineExceeded)
}

// A child's Wait with a deadline ends with context.DeadlineExceeded, and
// the owner stops waiting for it; so does a child killed while it waits.
func TestAChildThatStopsWaitingLeavesNoWaiter(t *testing.T) {
	e := NewEvent()
	defer e.Close()
	_, err := startProcess(t, waitWithin, Waiting{Event: e, Within: 10 * time.Millisecond}).Wait(t.Context())
	require.ErrorIs(t, err, context.DeadlineExceeded)
	waiters(t, e, 0)

	killed := startProcess(t, waitForEvent, e)
	waiters(t, e, 1)
	require.NoError(t, killed.Kill())
	_, err = killed.Wait(t.Context())
	var exit *ExitError
	require.ErrorAs(t, err, &exit)
	waiters(t, e, 0)
	require.NoError(t, e.Set(), "the event goes on")
}

func TestOnlyTheOwnerClosesAnEvent(t *testing.T) {
	e := NewEvent()
	defer e.Close()
	_, err := startProcess(t, closeTheEvent, e).Wait(t.Context())
	require.ErrorContains(t, err, "only process")
	require.ErrorContains(t, err, "which made it, may close it")
	require.NoError(t, e.Set(), "the child's attempt did not close it")
}

// A handle handed from a child to a grandchild reaches the owner: a Set
// two generations down wakes the parent.
func TestAnEventHandleGoesDownTwoGenerations(t *testing.T) {
	e := NewEvent()
	defer e.Close()
	woke := make(chan error, 1)
	go func() { woke <- e.Wait(t.Context()) }()
	set, err := startProcess(t, setInAGrandchild, e).Wait(t.Context())
	require.NoError(t, err)
	assert.True(t, set)
	require.NoError(t, <-woke)
}
