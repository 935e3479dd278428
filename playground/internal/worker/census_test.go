package worker

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// remembered is a last look, taken once the process is quiet (in this
// goroutine: require.Eventually would take it in one of its own, which
// ends).
func remembered(t *testing.T, left []wire.Goroutine) *lastLook {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if c, quiet := quietCensus(maxQuietPatience); quiet {
			l := &lastLook{}
			l.remember(c, time.Millisecond, 0, left)
			return l
		}
	}
	require.FailNow(t, "the test process was never quiet")
	return nil
}

// reusable waits, a bounded time, for l to be reused: a census is quiet
// only once nothing but the caller runs.
func reusable(t *testing.T, l *lastLook) bool {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		_, ok, busy := l.reuse(0)
		if ok {
			return true
		}
		if !busy {
			return false // it changed
		}
	}
	return false
}

// TestALastLookIsReusedWhileItsGoroutinesAreTheOnesThereAre: a goroutine
// created, or one that ended, makes the next cell look again; the
// worker's own goroutines (spawn) do not.
func TestALastLookIsReusedWhileItsGoroutinesAreTheOnesThereAre(t *testing.T) {
	left := []wire.Goroutine{{ID: 1, State: "chan receive"}}
	park := make(chan struct{})
	ended := make(chan struct{})
	go func() { <-park; close(ended) }() // one of the "learner's", parked
	l := remembered(t, left)
	assert.True(t, reusable(t, l), "nothing changed")

	// The test binary may start a goroutine of its own meanwhile (a timer
	// of an earlier test firing): that is a change, rightly, so a few tries.
	ownGone := false
	for try := 0; try < 5 && !ownGone; try++ {
		l = remembered(t, left)
		done := make(chan struct{})
		spawn(func() { close(done) })
		<-done
		ownGone = reusable(t, l)
	}
	assert.True(t, ownGone, "the worker's own goroutine, gone again")

	close(park)
	<-ended
	assert.False(t, reusable(t, l), "a goroutine ended")

	l = remembered(t, left)
	started := make(chan struct{})
	release := make(chan struct{})
	go func() { close(started); <-release }()
	<-started
	assert.False(t, reusable(t, l), "a goroutine was created")
	close(release)

	l.forget(time.Second)
	_, ok, _ := l.reuse(0)
	assert.False(t, ok)
	assert.Equal(t, maxQuietPatience, l.patience(), "a look of a second: waiting for quiet is worth up to the most")
}

// TestWithoutACensusEveryCellLooks: a runtime without the metrics (before
// Go 1.26) gives no census, and a look is never reused.
func TestWithoutACensusEveryCellLooks(t *testing.T) {
	require.True(t, takeCensus().known, "this Go has the metrics")
	l := remembered(t, nil)
	assert.True(t, l.changed(census{}, 0))
	l.remember(census{}, time.Millisecond, 0, nil)
	assert.True(t, l.changed(takeCensus(), 0))
	assert.False(t, startedNone(census{}))
}
