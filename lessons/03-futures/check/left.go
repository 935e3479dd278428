package check

import (
	"fmt"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// left is what the learner's code left of the tasks it submitted when it
// returned while a driver watched (the zero left if it did not return).
type left struct {
	returned bool
	running  int // tasks running, never stopped
	pending  int // of those, the ones that were pending when it stopped the others
	stopping int // tasks stopped, still finishing
}

// leftAt is what the stage shows the code left, once it has returned.
func leftAt(l look) left {
	return left{returned: true, running: len(l.held), pending: l.heldSincePending, stopping: len(l.stopping)}
}

// leftLikely is each exercise's own explanation of what it left: running
// tasks stopped but pending ones not (pendingToo), running tasks never
// stopped (running), or stopped tasks not waited for (notWaited).
type leftLikely struct{ pendingToo, running, notWaited string }

// judge fails the check if the code returned while a task it submitted
// was still running, and reports whether it did.
func (lt left) judge(c *exercise.C, what string, likely leftLikely) (failed bool) {
	m := exercise.Mistake{Expected: what + " to return once no task it submitted is running"}
	switch {
	case lt.running > 0 && lt.pending > 0:
		m.Got = fmt.Sprintf("it returned while %s ran that it never stopped, %d of them pending when it stopped "+
			"the others (they started once those had finished)", plural(lt.running, "task"), lt.pending)
		m.Likely = likely.pendingToo
	case lt.running > 0:
		m.Got = "it returned while " + plural(lt.running, "task") + " still ran, never stopped"
		m.Likely = likely.running
	case lt.stopping > 0:
		m.Got = "it stopped the other tasks, but returned while " + plural(lt.stopping, "task") + " of them had not finished"
		m.Likely = likely.notWaited
	default:
		return false
	}
	c.Fail(m)
	return true
}
