package threads

import (
	"context"
	"runtime/pprof"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGoNamedGoroutinesAreListedByName(t *testing.T) {
	var wg sync.WaitGroup
	stop := make(chan struct{})
	names := make(chan string, 3)
	for _, name := range []string{"fetch-1", "fetch-2", `odd "name"`} {
		GoNamed(t.Context(), &wg, name, func(ctx context.Context) {
			names <- Name(ctx)
			<-stop
		})
	}
	got := []string{<-names, <-names, <-names}
	slices.Sort(got)
	assert.Equal(t, []string{"fetch-1", "fetch-2", `odd "name"`}, got, "each goroutine reads its own name")

	live, err := LiveGoroutines()
	require.NoError(t, err)
	assert.Contains(t, live, "fetch-1")
	assert.Contains(t, live, "fetch-2")
	assert.Contains(t, live, `odd "name"`)
	assert.Contains(t, live, Unnamed, "the test's own goroutine has no name")
	assert.True(t, slices.IsSorted(live))
	close(stop)
	wg.Wait()

	live, err = LiveGoroutines()
	require.NoError(t, err)
	assert.NotContains(t, live, "fetch-1")
}

func TestGoroutinesStartedByANamedOneInheritTheName(t *testing.T) {
	var wg sync.WaitGroup
	inner := make(chan string, 1)
	GoNamed(t.Context(), &wg, "parent", func(ctx context.Context) {
		var child sync.WaitGroup
		child.Go(func() { inner <- Name(ctx) })
		child.Wait()
	})
	wg.Wait()
	assert.Equal(t, "parent", <-inner)
}

func TestNameMainNamesTheCallingGoroutine(t *testing.T) {
	defer pprof.SetGoroutineLabels(context.Background()) // leave the test goroutine unnamed
	ctx := NameMain(t.Context(), "main")
	assert.Equal(t, "main", Name(ctx))
	live, err := LiveGoroutines()
	require.NoError(t, err)
	assert.Contains(t, live, "main")
	assert.Empty(t, Name(t.Context()))
}

func TestLiveGoroutinesCountsEveryGoroutine(t *testing.T) {
	var wg, started sync.WaitGroup
	stop := make(chan struct{})
	started.Add(5)
	for range 5 {
		GoNamed(t.Context(), &wg, "same", func(context.Context) {
			started.Done()
			<-stop
		})
	}
	started.Wait()
	live, err := LiveGoroutines()
	close(stop)
	wg.Wait()
	require.NoError(t, err)
	same := 0
	for _, n := range live {
		if n == "same" {
			same++
		}
	}
	assert.Equal(t, 5, same, "goroutines with one stack and one name share a record of the profile")
}
