// Package check holds the checks of lesson 02's exercises. The learner's
// stubs (lessons/02-threads/exercises) and the reference solutions
// (solutions/02-threads) run the same checks; check_test.go shows each
// check rejecting the classic wrong answers.
//
// The checks prove concurrency by structure, not by the clock: the
// functions they hand to the learner's code are held until the check
// releases them (see gate), so a check sees how many calls the code keeps
// in flight, decides the order in which they finish, and, for the
// scheduling exercise, keeps a clock of its own that only moves when every
// worker is busy.
package check

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

const readme = "lessons/02-threads/README.md"

// All lists the lesson's exercises in order.
func All() []exercise.Info {
	return []exercise.Info{Download.Info, Tally.Info, FinishEarly.Info, WorkerPool.Info}
}

// Main is the TestMain of lesson 02's exercise and solution packages: it
// runs the tests and fails the package if a test left a goroutine or a
// child process behind, except the workers the WorkerPool check holds for
// ever because their results channel was closed under them.
func Main(m *testing.M) {
	lessontest.Main(m, goleak.IgnoreAnyFunction(heldFrame))
}
