// Package check holds the checks of lesson 05's exercises. The learner's
// stubs (lessons/05-termination/exercises) and the reference solutions
// (solutions/05-termination) run the same checks; check_test.go shows each
// check rejecting the classic wrong answers.
//
// The checks prove what they claim by structure, not by the clock. The
// functions they hand to the learner's code report every value they draw,
// and every step they take, back to the check (through one of lesson 01's
// queues, from a child process): the workers' own account, against which
// what the learner returns is counted. They wait for the check's go-ahead
// where it matters: a finder finds only once every other worker has drawn,
// a deadline passes only once some parts are done and the others are half
// way, and after a find a goroutine's draw ends only when its context does,
// so an answer that never cancels it never returns.
package check

import (
	"fmt"
	"slices"
	"testing"

	"github.com/gophertutor/concurrency/internal/children"
	"github.com/gophertutor/concurrency/internal/lessontest"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

const readme = "lessons/05-termination/README.md"

// All lists the lesson's exercises in order.
func All() []exercise.Info {
	return []exercise.Info{FirstAbove.Info, FirstAboveGo.Info, SaveOnTerm.Info, SumUntil.Info}
}

// Main is the TestMain of lesson 05's exercise and solution packages. It
// lets the child processes the exercises start (the test binary, started
// again) run their functions, runs the tests, and fails the package if a
// test left a goroutine or a child process behind.
func Main(m *testing.M) {
	processes.RunChildIfRequested()
	lessontest.Main(m)
}

// childrenBefore lists the child processes alive before the learner's code
// runs, so that a check blames only the ones that code left behind.
func childrenBefore() []int {
	kids, _ := children.List()
	pids := make([]int, len(kids))
	for i, k := range kids {
		pids[i] = k.PID
	}
	return pids
}

// leftovers lists the children started since before that are still there.
func leftovers(before []int) []children.Child {
	kids, _ := children.List()
	return slices.DeleteFunc(kids, func(k children.Child) bool { return slices.Contains(before, k.PID) })
}

// noLeftoverProcesses fails the check if the learner's code left children,
// after killing and waiting for them.
func noLeftoverProcesses(c *exercise.C, before []int, what, likely string) {
	left := leftovers(before)
	if len(left) == 0 {
		return
	}
	children.Reap(left)
	c.Fail(exercise.Mistake{
		Expected: "no child process left once " + what + " returns",
		Got:      fmt.Sprintf("%d left behind:\n%s", len(left), children.Describe(left)),
		Likely:   likely,
	})
}

// reapLeftovers kills and waits for the children started since before: a
// check defers it, so that an answer it gave up on leaves nothing running.
func reapLeftovers(before []int) { children.Reap(leftovers(before)) }
