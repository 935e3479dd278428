package termination_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

func TestWhenSetIsCancelledWhenTheEventIsSet(t *testing.T) {
	e := processes.NewEvent()
	defer e.Close()
	ctx, cancel := termination.WhenSet(t.Context(), e)
	defer cancel()
	require.NoError(t, ctx.Err(), "not before")
	require.NoError(t, e.Set())
	<-ctx.Done()
	assert.ErrorIs(t, ctx.Err(), context.Canceled)
	assert.ErrorIs(t, context.Cause(ctx), termination.ErrSet)
}

func TestWhenSetEndsWithItsParentContext(t *testing.T) {
	e := processes.NewEvent()
	defer e.Close()
	parent, stop := context.WithCancel(t.Context())
	ctx, cancel := termination.WhenSet(parent, e)
	defer cancel()
	stop()
	<-ctx.Done()
	assert.ErrorIs(t, context.Cause(ctx), context.Canceled)
	set, err := e.IsSet()
	require.NoError(t, err)
	assert.False(t, set)
}

func TestWhenSetWithAClosedEventSaysSo(t *testing.T) {
	e := processes.NewEvent()
	require.NoError(t, e.Close())
	ctx, cancel := termination.WhenSet(t.Context(), e)
	defer cancel()
	<-ctx.Done()
	assert.ErrorIs(t, context.Cause(ctx), processes.ErrEventClosed)
	assert.ErrorContains(t, context.Cause(ctx), "termination: watch the event: processes: event is closed")
}

// Its cancel function stops watching: no goroutine is left (the package's
// leak check would list it).
func TestWhenSetCancelStopsWatching(t *testing.T) {
	e := processes.NewEvent()
	defer e.Close()
	ctx, cancel := termination.WhenSet(t.Context(), e)
	cancel()
	assert.ErrorIs(t, context.Cause(ctx), context.Canceled)
	cancel() // twice is harmless
}
