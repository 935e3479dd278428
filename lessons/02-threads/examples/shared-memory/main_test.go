package main

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestTheFixedCountersLoseNothing(t *testing.T) {
	confined := newConfinedCounter()
	defer confined.Close()
	for name, c := range map[string]counter{
		"mutex":    &mutexCounter{},
		"atomic":   &atomicCounter{},
		"confined": confined,
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, 0, c.Value())
			assert.Equal(t, 8*5_000, incrementAtOnce(c, 8, 5_000))
		})
	}
}

// TestTheRaceDetectorCatchesTheRacyCounter runs the broken counter under
// the race detector, in a copy of this test binary, and expects it to be
// reported (go test -race; skipped without it).
func TestTheRaceDetectorCatchesTheRacyCounter(t *testing.T) {
	exercise.ExpectRace(t, func() {
		incrementAtOnce(&racyCounter{}, 2, 10_000)
	})
}

func TestRacyCounterCountsWhenAlone(t *testing.T) {
	assert.Equal(t, 1000, incrementAtOnce(&racyCounter{}, 1, 1000), "one goroutine alone races with nobody")
}

// TestConfinedCounterPanicsAfterClose: once its owner goroutine has gone,
// nobody would receive Inc's or Value's message; they panic instead of
// blocking for ever.
func TestConfinedCounterPanicsAfterClose(t *testing.T) {
	c := newConfinedCounter()
	c.Inc()
	assert.Equal(t, 1, c.Value())
	c.Close()
	assert.PanicsWithError(t, errClosed.Error(), c.Inc)
	assert.PanicsWithError(t, errClosed.Error(), func() { c.Value() })
}
