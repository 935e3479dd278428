package check

import (
	"fmt"
	"sync"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Counter is what exercise 3 builds: a counter that many goroutines may use
// at once.
type Counter interface {
	Inc()
	Value() int
}

// SafeCounter is exercise 3: make a shared counter race-free. Its check
// takes a function that returns a new, zero counter.
var SafeCounter = exercise.Exercise[func() Counter]{
	Info: exercise.Info{
		Name:    "Counter",
		File:    "lessons/00-overview/exercises/counter.go",
		Section: readme + "#exercise-3-a-counter-that-goroutines-can-share",
		Hint: "guard n with a sync.Mutex (Lock, defer Unlock) in both methods, or make n an atomic.Int64; " +
			"both methods need pointer receivers",
		RaceSensitive: true,
	},
	Check: checkCounter,
}

const counterGoroutines = 8

// counterIncs is how many times each goroutine calls Inc. Without the race
// detector, many calls make lost increments likely; with it, fewer keep
// the racing accesses within the history it remembers, so it sees them.
var counterIncs = 20_000

func init() {
	if exercise.RaceEnabled {
		counterIncs = 1_000
	}
}

func checkCounter(c *exercise.C, newCounter func() Counter) {
	var counter Counter
	c.Call("creating a Counter", "", func() { counter = newCounter() })
	var initial int
	c.Call("Counter.Value() on a new counter", "Value blocks: does it wait for a lock that nobody releases?",
		func() { initial = counter.Value() })
	if initial != 0 {
		c.Fail(exercise.Mistake{Expected: "a new counter to be 0", Got: fmt.Sprintf("Value() = %d", initial),
			Likely: "the function you pass to the check must return a new, zero counter"})
	}

	// Many goroutines increment at once, released together by a closed
	// channel, while another reads the value: the race detector sees any
	// unguarded access, and lost updates show even without it.
	snap := c.Snapshot()
	c.Call(fmt.Sprintf("%d goroutines calling Inc %d times each", counterGoroutines, counterIncs),
		"Inc blocks: a Lock without its Unlock? Use defer mu.Unlock() right after mu.Lock()",
		func() {
			start := make(chan struct{})
			var wg sync.WaitGroup
			for range counterGoroutines {
				wg.Go(func() {
					<-start
					for range counterIncs {
						counter.Inc()
					}
				})
			}
			wg.Go(func() {
				<-start
				for range 100 {
					_ = counter.Value()
				}
			})
			close(start)
			wg.Wait()
		})
	c.NoGoroutinesLeft(snap, "Counter", "the counter should not start goroutines of its own")

	want := counterGoroutines * counterIncs
	var got int
	c.Call("Counter.Value()", "Value blocks: does it wait for a lock that nobody releases?", func() { got = counter.Value() })
	switch {
	case got == want:
	case got == 0:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("Value() = %d after %d calls to Inc", want, want),
			Got:      "Value() = 0",
			Likely:   "Inc changes a copy of the counter: give Inc (and Value) a pointer receiver, func (c *Counter) Inc()",
		})
	default:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("Value() = %d after %d calls to Inc from %d goroutines at once", want, want, counterGoroutines),
			Got:      fmt.Sprintf("Value() = %d: %d increments were lost", got, want-got),
			Likely: "n++ is a read, an add and a write: two goroutines read the same n and both write n+1. " +
				"Guard it with a sync.Mutex or use sync/atomic",
		})
	}
}
