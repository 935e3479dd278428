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
	"testing"

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
