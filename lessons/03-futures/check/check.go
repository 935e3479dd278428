// Package check holds the checks of lesson 03's exercises. The learner's
// stubs (lessons/03-futures/exercises) and the reference solutions
// (solutions/03-futures) run the same checks; check_test.go shows each
// check rejecting the classic wrong answers.
//
// The checks prove what they claim by structure, not by the clock. The
// functions they hand to the learner's code are held until the check lets
// them go (see stage), and between two of its moves a check waits until
// every goroutine the learner's code started is blocked (see scene): the
// code has then done all it does before the next event, so the check knows
// what it did with the last one — whether it took a result, stopped a
// task, or read further into its input. Exercise 3 runs in worker
// processes, which report each run of a job through one of lesson 01's
// queues.
package check

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

const readme = "lessons/03-futures/README.md"

// All lists the lesson's exercises in order.
func All() []exercise.Info {
	return []exercise.Info{FirstN.Info, FailFast.Info, Rerun.Info, SumSquares.Info}
}

// Main is the TestMain of lesson 03's exercise and solution packages. It
// lets the worker processes of exercise 3 (the test binary, started again)
// run their tasks, runs the tests, and fails the package if a test left a
// goroutine or a child process behind.
func Main(m *testing.M) {
	processes.RunChildIfRequested()
	lessontest.Main(m)
}
