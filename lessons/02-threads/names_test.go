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

// goNamed starts f in a goroutine that wg waits for, named name.
func goNamed(wg *sync.WaitGroup, name string, f func(ctx context.Context)) {
	wg.Go(func() { pprof.Do(context.Background(), pprof.Labels(NameLabel, name), f) })
}

func TestNamedGoroutinesAreListedByName(t *testing.T) {
	var wg sync.WaitGroup
	stop := make(chan struct{})
	names := make(chan string, 3)
	for _, name := range []string{"fetch-1", "fetch-2", `odd "name"`} {
		goNamed(&wg, name, func(ctx context.Context) {
			n, _ := pprof.Label(ctx, NameLabel)
			names <- n
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

func TestLiveGoroutinesCountsEveryGoroutine(t *testing.T) {
	var wg, started sync.WaitGroup
	stop := make(chan struct{})
	started.Add(5)
	for range 5 {
		goNamed(&wg, "same", func(context.Context) {
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
