package threads

import (
	"context"
	"runtime"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Sleeps are tested in synctest bubbles: the clock is fake, so "they all
// sleep one second, side by side" is exact and takes no time.

func TestSleepingGoroutinesShareAFewThreads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		before := runtime.NumGoroutine()
		start := time.Now()
		census, err := SleepingGoroutines(t.Context(), 10_000, time.Second, false)
		require.NoError(t, err)
		assert.Equal(t, time.Second, time.Since(start), "the goroutines sleep side by side")
		// Other tests' goroutines may still be ending: NumGoroutine counts the
		// whole program.
		assert.GreaterOrEqual(t, census.Goroutines, 10_000)
		assert.LessOrEqual(t, census.Goroutines, before+10_000)
		assert.Less(t, census.Threads, 10_000/10, "a sleeping goroutine holds no thread")
	})
}

func TestLockedGoroutinesHoldAThreadEach(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const n = 20
		census, err := SleepingGoroutines(t.Context(), n, time.Second, true)
		require.NoError(t, err)
		assert.Greater(t, census.Threads, n, "n locked sleepers and the caller each hold a thread")
	})
}

func TestSleepingGoroutinesWakeUpWhenCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := SleepingGoroutines(ctx, 10, time.Hour, false)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 100*time.Millisecond, time.Since(start))
		assert.Contains(t, err.Error(), "sleeping goroutines")
	})
}

func TestThreadsCreatedCountsAtLeastTheRunningThread(t *testing.T) {
	assert.GreaterOrEqual(t, ThreadsCreated(), 1)
}
