package futures

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// three submits three gated tasks a, b, c on a pool of three.
func three(t *testing.T, k kind, g *gates) []*Future[string] {
	ex := k.make(t, 3)
	var fs []*Future[string]
	for _, name := range []string{"a", "b", "c"} {
		f, err := Submit(t.Context(), ex, gated, g.gate(name))
		require.NoError(t, err)
		fs = append(fs, f)
	}
	for range fs {
		g.started(t)
	}
	t.Cleanup(func() { // let the rest go, so that the pool can close
		for _, name := range []string{"a", "b", "c"} {
			_ = g.release[name].TryPut(struct{}{})
		}
	})
	return fs
}

// Python: wait(FIRST_COMPLETED) returns as soon as one future is done.
func TestWaitFirstCompleted(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		g := newGates(t)
		fs := three(t, k, g)
		g.let(t, "b")
		done, notDone, err := Wait(within(t), fs, FirstCompleted)
		require.NoError(t, err)
		assert.Equal(t, []*Future[string]{fs[1]}, done)
		assert.Equal(t, []*Future[string]{fs[0], fs[2]}, notDone)
	})
}

// Python: wait(FIRST_EXCEPTION) returns when a future raises.
func TestWaitFirstError(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		g := newGates(t)
		ex := k.make(t, 3)
		ok, err := Submit(t.Context(), ex, gated, g.gate("ok"))
		require.NoError(t, err)
		failing := g.gate("failing")
		failing.Fail = true
		bad, err := Submit(t.Context(), ex, gated, failing)
		require.NoError(t, err)
		slow, err := Submit(t.Context(), ex, gated, g.gate("slow"))
		require.NoError(t, err)
		for range 3 {
			g.started(t)
		}
		g.let(t, "ok")
		_, err = ok.Result(within(t))
		require.NoError(t, err)
		g.let(t, "failing")
		done, notDone, err := Wait(within(t), []*Future[string]{ok, bad, slow}, FirstError)
		require.NoError(t, err)
		assert.Equal(t, []*Future[string]{ok, bad}, done, "a success does not end the wait; the error does")
		assert.Equal(t, []*Future[string]{slow}, notDone)
		g.let(t, "slow")
	})
}

// Python: FIRST_EXCEPTION is ALL_COMPLETED when nothing raises; a
// cancelled future is not an exception.
func TestWaitFirstErrorWithoutErrorsIsAllCompleted(t *testing.T) {
	ex := kinds[0].make(t, 1)
	g := newGates(t)
	first, err := Submit(t.Context(), ex, gated, g.gate("first"))
	require.NoError(t, err)
	g.started(t)
	cancelled, err := Submit(t.Context(), ex, gated, g.gate("cancelled"))
	require.NoError(t, err)
	require.True(t, cancelled.Cancel())
	result := make(chan []*Future[string], 1)
	go func() {
		done, _, err := Wait(t.Context(), []*Future[string]{first, cancelled}, FirstError)
		assert.NoError(t, err)
		result <- done
	}()
	g.let(t, "first")
	select {
	case done := <-result:
		assert.Len(t, done, 2)
	case <-within(t).Done():
		t.Fatal("Wait(FirstError) did not return when all were done")
	}
}

// Python: wait(timeout) returns the partition at the timeout; it does not
// raise.
func TestWaitWithADeadlineReturnsThePartition(t *testing.T) {
	g := newGates(t)
	fs := three(t, kinds[0], g)
	g.let(t, "a")
	_, err := fs[0].Result(within(t))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(t.Context(), time.Millisecond)
	defer cancel()
	done, notDone, err := Wait(ctx, fs, AllCompleted)
	require.NoError(t, err, "a deadline is not an error")
	assert.Equal(t, []*Future[string]{fs[0]}, done)
	assert.Equal(t, []*Future[string]{fs[1], fs[2]}, notDone)
}

// Python: duplicates are removed; futures of any result type wait together.
func TestWaitTakesEachFutureOnceWhateverItsType(t *testing.T) {
	ex := kinds[0].make(t, 2)
	a, err := Submit(t.Context(), ex, square, 3)
	require.NoError(t, err)
	b, err := Submit(t.Context(), ex, who, 0)
	require.NoError(t, err)
	done, notDone, err := Wait(within(t), []Awaitable{a, b, a, b, a}, AllCompleted)
	require.NoError(t, err)
	assert.Equal(t, []Awaitable{a, b}, done)
	assert.Empty(t, notDone)
}

func TestWaitBadInput(t *testing.T) {
	_, _, err := Wait[*Future[int]](t.Context(), nil, AllCompleted)
	require.ErrorContains(t, err, "no futures to wait for")
	ex := kinds[0].make(t, 1)
	f, err := Submit(t.Context(), ex, square, 1)
	require.NoError(t, err)
	_, _, err = Wait(t.Context(), []*Future[int]{f}, WaitMode(7))
	require.ErrorContains(t, err, "WaitMode(7) is not a mode")
	_, _, err = Wait(t.Context(), []*Future[int]{f, nil}, AllCompleted)
	require.ErrorContains(t, err, "future 1 is nil")
}

// Python: as_completed yields the futures done already first, then the
// others as they finish, each once; on timeout it raises TimeoutError with
// "%d (of %d) futures unfinished".
func TestAsCompleted(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		g := newGates(t)
		fs := three(t, k, g)
		g.let(t, "c")
		_, err := fs[2].Result(within(t))
		require.NoError(t, err)
		var got []string
		for f, err := range AsCompleted(within(t), []*Future[string]{fs[0], fs[1], fs[2], fs[0]}) {
			require.NoError(t, err)
			v, err := f.Result(t.Context())
			require.NoError(t, err)
			got = append(got, v)
			switch v { // release in an order that is neither given nor sorted
			case "c":
				g.let(t, "b")
			case "b":
				g.let(t, "a")
			}
		}
		assert.Equal(t, []string{"c", "b", "a"}, got)
	})
}

func TestAsCompletedWithADeadlineSaysHowManyAreUnfinished(t *testing.T) {
	g := newGates(t)
	fs := three(t, kinds[0], g)
	g.let(t, "a")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var got []string
	var last error
	for f, err := range AsCompleted(ctx, fs) {
		if err != nil {
			last = err
			continue
		}
		v, _ := f.Result(t.Context())
		got = append(got, v)
		cancel() // as a deadline would
	}
	assert.Equal(t, []string{"a"}, got)
	require.ErrorIs(t, last, context.Canceled)
	assert.ErrorContains(t, last, "2 (of 3) futures unfinished")
}

func TestBreakingOutOfAsCompletedLeavesNothingBehind(t *testing.T) {
	g := newGates(t)
	fs := three(t, kinds[0], g)
	g.let(t, "b")
	for f := range AsCompleted(within(t), fs) {
		assert.Same(t, fs[1], f)
		break
	}
	for _, f := range fs {
		f.c.mu.Lock()
		for _, l := range f.c.listeners {
			assert.Nil(t, l.waiter, "the waiter was removed")
		}
		f.c.mu.Unlock()
	}
}
