package check

import (
	"slices"
	"sync"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// failureRound runs call, which calls the learner's function name, in a
// round of three probed calls of which the second fails at once (see
// afterAFailure), and fails the check if the function returned with a
// child still running, left a child it never waited for, or left a
// goroutine. failed names what failed, for the message.
func failureRound(c *exercise.C, w *watch, name, what, failed string, call func()) {
	life := c.WatchChildren(true)
	defer life.Stop()
	before, snap := c.ProcessSnapshot(), c.Snapshot()
	w.start(3 * c.Patience()) // it never opens (4 of 3): the check lets the calls go
	defer w.stop()
	var early bool
	var driver sync.WaitGroup
	driver.Go(func() {
		defer w.stop()
		early = afterAFailure(c, w, life, 3, 1)
	})
	c.Call(what, "it never returns once a child has failed: is it waiting for a result that will never come?", call)
	driver.Wait()
	if early {
		c.Fail(exercise.Mistake{
			Expected: name + " to wait for every child, even after one failed",
			Got:      "it returned when " + failed + " failed, while another child still ran",
			Likely: "returning at the first error leaves the other children running, never waited for (and a goroutine " +
				"waiting for one blocked for ever): Wait for every process you started (or Kill the others and then Wait for them), then return the error",
		})
	}
	life.NotWaited(before, name, "")
	life.Stop()
	c.NoProcessesLeft(before.Left(), name, neverWaited)
	c.NoGoroutinesLeft(snap, name, "a goroutine started to wait for a child is still running once a child failed: "+
		"every one must end, whoever takes its result (a buffered channel, or a WaitGroup)")
}

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
