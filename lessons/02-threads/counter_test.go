package threads

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

func TestTheFixedCountersLoseNothing(t *testing.T) {
	confined := NewConfinedCounter()
	defer confined.Close()
	for name, c := range map[string]Counter{
		"mutex":    &MutexCounter{},
		"atomic":   &AtomicCounter{},
		"confined": confined,
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, 0, c.Value())
			assert.Equal(t, 8*5_000, hammer(c, 8, 5_000))
		})
	}
}

// TestTheRaceDetectorCatchesTheRacyCounter runs the broken counter under
// the race detector, in a copy of this test binary, and expects it to be
// reported (go test -race; skipped without it).
func TestTheRaceDetectorCatchesTheRacyCounter(t *testing.T) {
	exercise.ExpectRace(t, func() {
		hammer(&RacyCounter{}, 2, 10_000)
	})
}

func TestRacyCounterCountsWhenAlone(t *testing.T) {
	assert.Equal(t, 1000, hammer(&RacyCounter{}, 1, 1000), "one goroutine alone races with nobody")
}

// TestConfinedCounterPanicsAfterClose: once its owner goroutine has gone,
// nobody would receive Inc's or Value's message; they panic instead of
// blocking for ever.
func TestConfinedCounterPanicsAfterClose(t *testing.T) {
	c := NewConfinedCounter()
	c.Inc()
	assert.Equal(t, 1, c.Value())
	c.Close()
	assert.PanicsWithError(t, "threads: ConfinedCounter used after Close", c.Inc)
	assert.PanicsWithError(t, "threads: ConfinedCounter used after Close", func() { c.Value() })
}

// hammer has goroutines goroutines call c.Inc incs times each, all at the
// same time, and returns c.Value() once they have all finished.
func hammer(c Counter, goroutines, incs int) int {
	var running atomic.Int32
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			// Wait at the start line until every goroutine is running, so
			// that they really increment at the same time.
			running.Add(1)
			for running.Load() < int32(goroutines) {
				runtime.Gosched()
			}
			for range incs {
				c.Inc()
			}
		})
	}
	wg.Wait()
	return c.Value()
}
