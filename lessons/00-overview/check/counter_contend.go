package check

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// contendTarget is how many times the two goroutines of contend must see
// each other's Inc land between two of their own. On two cores that run
// them side by side it is a few milliseconds of work, and an unguarded
// n++ or a Load followed by a Store loses increments in far fewer.
var contendTarget int64 = 10_000

func init() {
	if exercise.RaceEnabled {
		// The race detector slows every Inc down and sees an unguarded n++
		// by itself; what is left for contend (a Load then a Store, which
		// it does not see) loses increments in far fewer interleavings.
		contendTarget = 1_000
	}
}

// contendBatch is how many calls of Inc a goroutine of contend makes
// between two looks at the other's count: few enough that the two see
// each other often, many enough that most of the time goes to Inc, where
// a switch between the goroutines (or a core's write landing) loses an
// increment.
const contendBatch = 16

// contend calls Inc from two goroutines that really run interleaved, on
// any machine: each publishes how many calls it has made, and they go on
// until, between two of one goroutine's calls, the other's count has moved
// contendTarget times in all (or two patiences have passed: on a machine
// that runs one of them at a time, each switch between them is a chance,
// and on a busy one they run side by side now and then).
// Released together is not enough: a goroutine that is woken up late
// finishes its calls before the other starts, and nothing is lost. It
// returns how many times Inc was called.
func contend(c *exercise.C, counter Counter) int64 {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2)) // two threads: the OS switches between them anywhere
	}
	var (
		calls  [2]atomic.Int64
		seen   atomic.Int64
		ready  sync.WaitGroup
		wg     sync.WaitGroup
		bound  = time.Now().Add(2 * c.Patience())
		finish atomic.Bool
	)
	ready.Add(2)
	for me := range 2 {
		wg.Go(func() {
			ready.Done()
			ready.Wait()
			other := &calls[1-me]
			last := other.Load()
			for n := int64(contendBatch); !finish.Load(); n += contendBatch {
				for range contendBatch {
					counter.Inc()
				}
				calls[me].Store(n)
				if o := other.Load(); o != last {
					last = o
					if seen.Add(1) >= contendTarget {
						finish.Store(true)
					}
				}
				if n%(64*contendBatch) == 0 && time.Now().After(bound) {
					finish.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return calls[0].Load() + calls[1].Load()
}

// checkContended fails the check if a new counter, incremented by two
// goroutines at once (contend), lost increments: the mistake the race
// detector reports, made to show without it.
func checkContended(c *exercise.C, newCounter func() Counter, s shape) {
	var counter Counter
	c.Call("creating a Counter", "", func() { counter = newCounter() })
	var calls int64
	c.Call("2 goroutines calling Inc at the same time, interleaved", "Inc blocks: a Lock without its Unlock? Use defer mu.Unlock() right after mu.Lock()",
		func() { calls = contend(c, counter) })
	var got int
	c.Call("Counter.Value()", "Value blocks: does it wait for a lock that nobody releases?", func() { got = counter.Value() })
	if int64(got) == calls || got == 0 {
		return // got == 0: a copy was incremented, which the count after one Inc already told
	}
	c.Fail(exercise.Mistake{
		Expected: fmt.Sprintf("Value() = %d after %d calls to Inc from 2 goroutines at once", calls, calls),
		Got:      fmt.Sprintf("Value() = %d: %d increments were lost", got, calls-int64(got)),
		Likely:   s.lostIncrements(),
	})
}
