package main

import (
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestTimerRunsTheFunctionAfterTheDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		var ranAt time.Duration
		timer := afterFunc(3*time.Second, func() { ranAt = time.Since(start) })
		timer.Wait()
		assert.Equal(t, 3*time.Second, ranAt)
		assert.Equal(t, 3*time.Second, time.Since(start), "Wait returns when the function has")
		assert.False(t, timer.Stop(), "too late to stop it")
	})
}

func TestStoppedTimerNeverRuns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var ran atomic.Bool
		timer := afterFunc(3*time.Second, func() { ran.Store(true) })
		time.Sleep(time.Second)
		assert.True(t, timer.Stop())
		assert.False(t, timer.Stop(), "a second Stop has nothing to stop")
		start := time.Now()
		timer.Wait()
		assert.Zero(t, time.Since(start), "Wait returns at once for a stopped timer")
		time.Sleep(time.Hour)
		assert.False(t, ran.Load())
	})
}

func TestStopDoesNotWaitForARunningFunction(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		timer := afterFunc(time.Second, func() { <-release })
		time.Sleep(time.Second)
		synctest.Wait() // the function is running, blocked on release
		assert.False(t, timer.Stop())
		select {
		case <-timer.Done():
			t.Fatal("Done before the function returned")
		default:
		}
		close(release)
		timer.Wait()
	})
}
