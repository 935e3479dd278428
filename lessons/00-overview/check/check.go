// Package check holds the checks of lesson 00's exercises. The learner's
// stubs (lessons/00-overview/exercises) and the reference solutions
// (solutions/00-overview) run the same checks; check_test.go shows each
// check rejecting the classic wrong answers.
//
// The checks prove concurrency by structure, not by the clock: the functions
// they hand to the learner's code meet at barriers that open only when the
// calls really run at the same time.
package check

import (
	"os"
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

const readme = "lessons/00-overview/README.md"

// All lists the lesson's exercises in order.
func All() []exercise.Info {
	return []exercise.Info{SquaresAndCubes.Info, SquaresInChild.Info, SafeCounter.Info, ParallelSum.Info}
}

// crashEnv, in a child's environment, makes the child exit at once with
// status 3, before its task and before it writes a report: exercise 2's
// check sets it in its own environment while it calls SquaresInChild, so
// that the children of that call die, as a child can.
const crashEnv = "OVERVIEW_CHECK_CRASH_CHILD"

// Main is the TestMain of lesson 00's exercise and solution packages. It
// lets exercise 2's child processes run (they are the test binary started
// again), runs the tests, and fails the package if a test left a goroutine
// or a child process behind.
func Main(m *testing.M) {
	if socket := os.Getenv(lingerEnv); socket != "" {
		os.Exit(lingerChild(socket)) // a child that exercise 2's check holds after its report
	}
	if os.Getenv(crashEnv) != "" {
		os.Exit(3) // a child that exercise 2's check wants dead
	}
	if os.Getenv(quietEnv) != "" {
		if null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
			os.Stdout = null // a child of the big report: its prints would bury the test's output
		}
	}
	overview.RunChildIfRequested()
	lessontest.Main(m)
}
