package check

import (
	"sync/atomic"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// awaits holds calls until the learner's function waits for them
// (exercise.C.AwaitCaller), one slot per call held, and hands the check
// what each hold saw once the learner's function has returned.
type awaits struct {
	c       *exercise.C
	started []atomic.Bool
	saw     []chan exercise.Caller
}

func newAwaits(c *exercise.C, slots int) *awaits {
	a := &awaits{c: c, started: make([]atomic.Bool, slots), saw: make([]chan exercise.Caller, slots)}
	for i := range a.saw {
		a.saw[i] = make(chan exercise.Caller, 1)
	}
	return a
}

// hold holds the calling goroutine in slot until the learner's function
// waits for it, unless that goroutine is the learner's function's own (it
// cannot wait for itself) or the slot was used.
func (a *awaits) hold(slot int) {
	if a.c.InCaller() || !a.started[slot].CompareAndSwap(false, true) {
		return
	}
	a.saw[slot] <- a.c.AwaitCaller()
}

// seen returns what the holds begun before the learner's function returned
// saw. Call it after that: a hold then ends at once, if not already ended.
func (a *awaits) seen() []exercise.Caller {
	var out []exercise.Caller
	for i := range a.saw {
		if a.started[i].Load() {
			out = append(out, <-a.saw[i])
		}
	}
	return out
}
