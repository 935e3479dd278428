// Package check holds the checks of lesson 04's exercises. The learner's
// stubs (lessons/04-mixing/exercises) and the reference solutions
// (solutions/04-mixing) run the same checks; check_test.go shows each
// check rejecting the classic wrong answers.
//
// The functions the checks hand to the learner's code run in child
// processes, on the learner's goroutines, and carry a Probe: through
// queues back to the check, they report when they start, and in which
// process, and wait there until the check lets them go. That is a barrier
// across goroutines and processes at once: it opens only when enough calls
// are inside together, so a check proves by structure that the goroutines
// inside a child ran side by side, and that the children did.
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

const readme = "lessons/04-mixing/README.md"

// All lists the lesson's exercises in order.
func All() []exercise.Info {
	return []exercise.Info{Split.Info, RunInDirs.Info, FitCores.Info}
}

// Main is the TestMain of lesson 04's exercise and solution packages. It
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

// noLeftoverProcesses fails the check if the learner's code left children,
// after killing and reaping them.
func noLeftoverProcesses(c *exercise.C, before []int, what string) {
	kids, _ := children.List()
	left := slices.DeleteFunc(kids, func(k children.Child) bool { return slices.Contains(before, k.PID) })
	if len(left) == 0 {
		return
	}
	children.Reap(left)
	c.Fail(exercise.Mistake{
		Expected: "no child process left once " + what + " returns",
		Got:      fmt.Sprintf("%d left behind:\n%s", len(left), children.Describe(left)),
		Likely:   "a process was started and never waited for: Wait for every process you Start, whatever happened to the others",
	})
}

func isPermutation(a, b []int) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
