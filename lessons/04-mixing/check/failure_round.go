package check

import (
	"slices"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// afterAFailure drives a round of n probed calls, each in a process of its
// own, of which the call failed fails at once and the others are held.
// Once the failed call's process has exited and its Wait has heard, and
// the answer has done all it does without the check, the check looks: an
// answer that has returned while a held call's process still runs left it
// behind. Then it lets the held calls go one at a time, lowest index
// first, and looks the same way after each: an answer that waits for its
// children in order and returns at the first error leaves the later ones.
// It reports whether the answer returned early, and false if the calls
// never all arrived (the round's other checks see why).
func afterAFailure(c *exercise.C, w *watch, life *exercise.Lifecycle, n, failed int) (early bool) {
	pidOf, ok := w.awaitArrivals(n, c.Patience())
	if !ok || !c.Await(func() bool { return life.Gone(pidOf[failed]) }) {
		return false
	}
	var held []int
	for i := range n {
		if i != failed {
			held = append(held, i)
		}
	}
	for {
		c.Settle()
		var still []int
		for _, i := range held {
			if !slices.Contains(still, pidOf[i]) {
				still = append(still, pidOf[i])
			}
		}
		if c.Returned() || len(held) == 0 {
			return !life.Gone(still...)
		}
		_ = w.releases[held[0]].TryPut(true)
		if !c.Await(func() bool { return life.Gone(pidOf[held[0]]) }) {
			return false
		}
		held = held[1:]
	}
}
