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
	"testing"

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

// neverWaited is the likely mistake when the learner's code leaves a child
// process behind.
const neverWaited = "a process was started and never waited for: Wait for every process you Start, whatever happened to the others"
