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
		Hint: "guard n with a sync.Mutex field (Lock, defer Unlock) in both methods, or make n an atomic.Int64 and use its Add " +
			"and Load; both methods need pointer receivers",
		RaceSensitive: true,
		Race: "Inc or Value uses n with no lock held, or with a lock no other call uses (a mutex made inside the method is a new one " +
			"on every call, and so is one made on first use without a lock; a read lock, RLock, does not keep other readers out): every use of n must hold the Counter's one mutex, " +
			"Lock to change it",
	},
	Check: checkCounter,
}

const counterGoroutines = 8

// counterIncs is how many times each goroutine calls Inc. Without the race
// detector, many calls give lost increments more chances to show; with it,
// which sees every unguarded access, fewer keep the check quick.
var counterIncs = 20_000

func init() {
	if exercise.RaceEnabled {
		counterIncs = 1_000
	}
}

// checkCounter first looks at what the Counter is made of and holds its
// locks to see whether Inc and Value take them (counter_shape.go): that
// finds, on any machine, the unguarded counters that lost increments only
// show now and then. For what the check cannot hold (an int64 with no
// lock, an atomic loaded then stored), two goroutines call Inc really
// interleaved until increments are lost, if they can be (counter_contend.go).
// Then many goroutines increment one counter while another reads it: a copy
// incremented, and (under -race) any unguarded access are caught there.
func checkCounter(c *exercise.C, newCounter func() Counter) {
	var counter Counter
	c.Call("creating a Counter", "", func() { counter = newCounter() })
	fresh := shapeOf(counter)
	var initial int
	c.Call("Counter.Value() on a new counter", "Value blocks: does it wait for a lock that nobody releases?",
		func() { initial = counter.Value() })
	if initial != 0 {
		c.Fail(exercise.Mistake{Expected: "a new counter to be 0", Got: fmt.Sprintf("Value() = %d", initial),
			Likely: "the function you pass to the check must return a new, zero counter"})
	}
	var one int
	c.Call("Counter.Inc(), then Counter.Value()", "Inc blocks: a Lock without its Unlock? Use defer mu.Unlock() right after mu.Lock()",
		func() { counter.Inc(); one = counter.Value() })
	if one != 1 {
		likely := "Inc must add exactly one"
		if one == 0 {
			likely = "Inc changes a copy of the counter: give Inc (and Value) a pointer receiver, func (c *Counter) Inc()"
		}
		c.Fail(exercise.Mistake{Expected: "Value() = 1 after one call to Inc", Got: fmt.Sprintf("Value() = %d", one), Likely: likely})
	}
	shape := shapeOf(counter)
	checkLockMadeLate(c, fresh, shape)
	checkGuards(c, newCounter, shape)
	checkContended(c, newCounter, shape)

	// Many goroutines increment a new counter at once, released together by
	// a closed channel, while another reads the value: the race detector sees
	// any unguarded access (a lock made on first use included: the first
	// calls come from several goroutines at once), and lost updates may show
	// even without it.
	c.Call("creating a Counter", "", func() { counter = newCounter() })
	snap := c.Snapshot()
	c.Call(fmt.Sprintf("%d goroutines calling Inc %d times each on a new counter", counterGoroutines, counterIncs),
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
			Likely:   shape.lostIncrements(),
		})
	}
}
