package termination_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

// Stopping what cannot be stopped: each is a clear error or a documented
// no-op. The test logs what each says (the README shows it).
func TestBadInput(t *testing.T) {
	t.Run("terminate a process that has not started", func(t *testing.T) {
		p := processes.New(processes.Square, 2)
		err := p.Terminate()
		require.ErrorContains(t, err, "has not been started (call Start first)")
		require.ErrorContains(t, p.Kill(), "has not been started")
		_, ok := p.ExitCode()
		assert.False(t, ok)
		t.Log("Terminate:", err)
	})
	t.Run("terminate a process that has exited", func(t *testing.T) {
		p := processes.New(processes.Square, 2)
		require.NoError(t, p.Start(t.Context()))
		_, err := p.Wait(t.Context())
		require.NoError(t, err)
		require.NoError(t, p.Terminate(), "a child that has exited is left alone")
		require.NoError(t, p.Kill())
		code, ok := p.ExitCode()
		assert.True(t, ok)
		assert.Equal(t, 0, code, "its exit code is still its own")
		t.Logf("Terminate: %v, Kill: %v, ExitCode: %d", p.Terminate(), p.Kill(), code)
	})
	t.Run("terminate a pool twice, and after it has finished", func(t *testing.T) {
		pool, err := processes.NewPool(1)
		require.NoError(t, err)
		pool.Terminate()
		pool.Terminate()
		pool.Kill()
		require.NoError(t, pool.Join(t.Context()))
		pool.Terminate()
		_, err = processes.Map(t.Context(), pool, processes.Square, []int{1})
		require.ErrorIs(t, err, processes.ErrPoolClosed)
		t.Log("Map on a terminated pool:", err)
	})
	t.Run("a grace period below zero", func(t *testing.T) {
		err := processes.New(processes.Square, 2, processes.WithGrace(-time.Second)).Start(t.Context())
		require.ErrorContains(t, err, "cannot be negative")
		t.Log("WithGrace:", err)
		_, err = termination.Stop(nil, -time.Second)
		require.ErrorContains(t, err, "cannot be negative")
		t.Log("Stop:", err)
	})
	t.Run("stop a process that has not started", func(t *testing.T) {
		_, err := termination.Stop(nil, time.Second, processes.New(processes.Square, 2))
		require.ErrorContains(t, err, "has not been started")
		t.Log("Stop:", err)
	})
	t.Run("an Event used after its owner closed it", func(t *testing.T) {
		e := processes.NewEvent()
		require.NoError(t, e.Close())
		require.ErrorIs(t, e.Set(), processes.ErrEventClosed)
		require.ErrorIs(t, e.Wait(t.Context()), processes.ErrEventClosed)
		_, err := e.IsSet()
		require.ErrorIs(t, err, processes.ErrEventClosed)
		require.NoError(t, e.Close(), "closing twice is harmless")
		t.Log("Set:", e.Set())
		ctx, cancel := termination.WhenSet(t.Context(), e)
		defer cancel()
		<-ctx.Done()
		t.Log("WhenSet's cause:", context.Cause(ctx))
		// In a child, the handle reaches the owner, which says it is closed.
		p := processes.New(termination.Hunt, termination.Search{Found: e, Target: 1, Work: time.Hour})
		require.NoError(t, p.Start(t.Context()))
		d, err := p.Wait(t.Context())
		require.NoError(t, err, "the worker stops at once: its stop event is closed")
		assert.Empty(t, d.Values)
	})
}
