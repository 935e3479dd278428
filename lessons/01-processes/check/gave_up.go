package check

import (
	"fmt"
	"sync"
	"time"

	"github.com/gophertutor/concurrency/lessons/01-processes/internal/waithook"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// waitDeadlines hears, while a check runs, each Process.Wait of the
// answer's that was given a deadline (a ctx from context.WithTimeout), and
// keeps the longest time one was given.
type waitDeadlines struct {
	mu      sync.Mutex
	longest time.Duration
	seen    bool
	restore func()
}

func watchWaitDeadlines() *waitDeadlines {
	d := &waitDeadlines{}
	d.restore = sync.OnceFunc(waithook.Set(func(left time.Duration) {
		d.mu.Lock()
		defer d.mu.Unlock()
		d.seen, d.longest = true, max(d.longest, left)
	}))
	return d
}

// stop stops listening (again, if it has) and says whether a Wait had a deadline, and the
// longest time one was given.
func (d *waitDeadlines) stop() (time.Duration, bool) {
	d.restore()
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.longest, d.seen
}

// heldPast is how much longer than the answer's longest Wait the check's
// slow task takes.
const heldPast = time.Second

// checkHeldPastTheDeadline runs the answer once more when its Waits were
// given a deadline, with two tasks, the second of which (once both run)
// takes longer than that deadline: an answer that gives up waiting when the
// time is up returns with that process still running. One that then kills
// the process and waits for it is right. Deadlines longer than twice the
// patience are not tried (the run would take as long): the check says
// nothing of them.
func checkHeldPastTheDeadline(c *exercise.C, d *waitDeadlines, fn, what, task string, call func(probes []Probe)) {
	longest, seen := d.stop()
	if !seen || longest > 2*c.Patience() {
		return
	}
	w, probes := newWatch(2, 2, false, false)
	w.pauses = map[int]time.Duration{1: longest + heldPast}
	before := c.ProcessSnapshot()
	w.start(c, before)
	defer w.stop()
	c.Call(fmt.Sprintf("%s with its second %s taking %v longer than your Wait's deadline", what, task, heldPast),
		"it never returns once a process takes longer than its deadline", func() { call(probes) })
	left := before.Left()
	w.stop()
	c.NoProcessesLeft(left, fn,
		fmt.Sprintf("a Wait under a ctx with a deadline (context.WithTimeout: here %v) gives up when the time is up, "+
			"and the process goes on running: Wait with the ctx you were given, or, once the time is up, Kill the "+
			"process and Wait for it", longest.Round(100*time.Millisecond)))
}
