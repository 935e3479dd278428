package mixing

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

func TestMapReturnsEveryResultInTheOrderOfTheItems(t *testing.T) {
	items := []int{1, 2, 3, 4, 5, 6, 7}
	got, err := Map(t.Context(), square, items, 3, 2)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 4, 9, 16, 25, 36, 49}, got)
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 7}, items, "the items are not touched")

	got, err = Map(t.Context(), square, []int{}, 2, 2)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestMapRunsEachBatchInItsOwnChildOnBoundedGoroutines(t *testing.T) {
	workers, err := Map(t.Context(), where, make([]int, 5), 2, 3)
	require.NoError(t, err)
	// [0 1 2] in the first child, [3 4] in the second, as in the Python.
	first, second := workers[0], workers[3]
	assert.NotEqual(t, first.PID, second.PID)
	for i, w := range workers {
		assert.NotZero(t, w.PID)
		assert.Regexp(t, `^Process-\d+$`, w.Process)
		want := first
		if i >= 3 {
			want = second
		}
		assert.Equal(t, want.PID, w.PID, "item %d ran in the child of its batch", i)
		assert.GreaterOrEqual(t, w.Goroutine, 0)
		assert.Less(t, w.Goroutine, 3, "no more goroutines than asked")
	}
	assert.Equal(t, Worker{Goroutine: -1}, Current(t.Context()), "the parent is no worker")
}

// TestMapRunsProcsTimesGoroutinesItemsAtOnce proves it by structure: the
// items wait at a gate, and the gate opens only once 2 × 3 of them are
// inside at once; a seventh cannot arrive before, every goroutine being
// busy.
func TestMapRunsProcsTimesGoroutinesItemsAtOnce(t *testing.T) {
	const procs, goroutines = 2, 3
	g := gate{Arrived: processes.NewQueue[Worker](0), Open: processes.NewEvent()}
	defer g.Arrived.Close()
	defer g.Open.Close()
	items := make([]gate, 10)
	for i := range items {
		items[i] = g
	}
	type result struct {
		workers []Worker
		err     error
	}
	done := make(chan result, 1)
	go func() {
		w, err := Map(context.Background(), gated, items, procs, goroutines)
		done <- result{w, err}
	}()
	inside := map[int]int{} // per child
	for range procs * goroutines {
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		w, err := g.Arrived.Get(ctx)
		cancel()
		require.NoError(t, err, "fewer than %d items ever ran at once", procs*goroutines)
		inside[w.PID]++
	}
	assert.Len(t, inside, procs)
	for pid, n := range inside {
		assert.Equal(t, goroutines, n, "child %d", pid)
	}
	_, err := g.Arrived.TryGet()
	assert.ErrorIs(t, err, processes.ErrEmpty, "a seventh item while six hold every goroutine")
	require.NoError(t, g.Open.Set())
	r := <-done
	require.NoError(t, r.err)
	assert.Len(t, r.workers, len(items))
}

func TestEachChildGetsItsShareOfTheCPUs(t *testing.T) {
	got, err := Map(t.Context(), threads, make([]int, 4), 2, 1)
	require.NoError(t, err)
	share := shares(runtime.GOMAXPROCS(0), 2)
	assert.Equal(t, []int{share[0], share[0], share[1], share[1]}, got)

	got, err = Map(t.Context(), threads, make([]int, 2), 2, 1, processes.WithEnv("GOMAXPROCS=3"))
	require.NoError(t, err)
	assert.Equal(t, []int{3, 3}, got, "the caller's WithEnv wins")
}

func TestMapCanBeCancelled(t *testing.T) {
	g := gate{Arrived: processes.NewQueue[Worker](0), Open: processes.NewEvent()}
	defer g.Arrived.Close()
	defer g.Open.Close()
	items := make([]gate, 6)
	for i := range items {
		items[i] = g
	}
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := Map(ctx, gated, items, 2, 2)
		done <- err
	}()
	for range 4 { // every goroutine of both children holds an item
		_, err := g.Arrived.Get(t.Context())
		require.NoError(t, err)
	}
	cancel()
	err := <-done
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	errs := itemErrors(t, err)
	require.Len(t, errs, 6, "the 4 running stop with the context's error, the 2 waiting never start")
	for _, e := range errs {
		assert.ErrorIs(t, e, context.Canceled, "item %d: %v", e.Index, e)
	}
}

// itemErrors lists the *ItemError that Map's error holds.
func itemErrors(t *testing.T, err error) []*ItemError {
	t.Helper()
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "Map's error holds its items' errors: %v", err)
	var out []*ItemError
	for _, e := range joined.Unwrap() {
		var ie *ItemError
		require.ErrorAs(t, e, &ie)
		out = append(out, ie)
	}
	return out
}
