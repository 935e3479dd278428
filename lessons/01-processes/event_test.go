package processes

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Set in one child wakes the parent and every other child.
func TestAnEventSetInAChildWakesEveryone(t *testing.T) {
	e := NewEvent()
	defer e.Close()
	var waiters []*Process[string]
	for range 3 {
		waiters = append(waiters, startProcess(t, waitForEvent, e))
	}
	parentWoke := make(chan error, 1)
	go func() { parentWoke <- e.Wait(t.Context()) }()

	set, err := startProcess(t, setEvent, e).Wait(t.Context())
	require.NoError(t, err)
	assert.True(t, set, "IsSet after Set, in the child")
	require.NoError(t, <-parentWoke)
	for _, w := range waiters {
		name, err := w.Wait(t.Context())
		require.NoError(t, err)
		assert.Equal(t, w.Name(), name)
	}
	ok, err := e.IsSet()
	require.NoError(t, err)
	assert.True(t, ok)
}

func TestAnEventClearsAndWaitsWithADeadline(t *testing.T) {
	e := NewEvent()
	defer e.Close()
	require.NoError(t, e.Set())
	require.NoError(t, e.Wait(t.Context()), "set: Wait returns at once")
	require.NoError(t, e.Clear())
	ok, err := e.IsSet()
	require.NoError(t, err)
	assert.False(t, ok)
	ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
	defer cancel()
	require.ErrorIs(t, e.Wait(ctx), context.DeadlineExceeded, "Python's wait(timeout) returning False")
}

// An event used after its owner closed it is an error, in the owner and in
// a child; closing twice is harmless.
func TestAClosedEvent(t *testing.T) {
	e := NewEvent()
	w := startProcess(t, waitForEvent, e)
	require.NoError(t, e.Close())
	_, err := w.Wait(t.Context())
	require.ErrorContains(t, err, "event is closed", "a child waiting on it is told")
	require.ErrorIs(t, e.Set(), ErrEventClosed)
	_, err = e.IsSet()
	require.ErrorIs(t, err, ErrEventClosed)
	require.NoError(t, e.Close(), "closing twice is harmless")
	_, err = startProcess(t, setEvent, e).Wait(t.Context())
	require.ErrorContains(t, err, "event is closed")

	var nilEvent *Event
	require.ErrorContains(t, nilEvent.Set(), "it is nil")
}
