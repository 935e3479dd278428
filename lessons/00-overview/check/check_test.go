package check_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/lessons/00-overview/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// The tests of this package keep, one file per exercise, wrong answers a
// learner might write, and show that the check rejects each one for the
// right reason. A wrong answer that only the race detector can see (one no
// check can force to show) runs under exercise.ExpectRace, which also
// shows that the race report is explained.

func TestMain(m *testing.M) { check.Main(m) }

// quick is the patience for answers that run things one after the other,
// or that poll or sleep instead of waiting: they are rejected whatever the
// patience, so there is no reason to wait long. Other wrong answers keep
// the default patience, so that on a loaded machine the barrier is not what
// rejects them. roomy keeps the call bound long: a wrong answer that does
// finish must not be cut short.
var (
	quick = exercise.WithPatience(50 * time.Millisecond)
	roomy = exercise.WithCallBound(30 * time.Second)
)

// The kept wrong answers' assertions: the harness's (exercise.Rejected,
// RaceExplained, Racy), shared by every lesson's check tests.
var (
	rejected      = exercise.Rejected
	raceExplained = exercise.RaceExplained
	racy          = exercise.Racy
	// rejectedInSomeRun and twoCPUs are for lost-update mistakes.
	rejectedInSomeRun = exercise.RejectedInSomeRun
	twoCPUs           = exercise.NeedTwoCPUs
)

func loop(nums []int, f func(int) int) []int {
	out := make([]int, len(nums))
	for i, n := range nums {
		out[i] = f(n)
	}
	return out
}

// Every exercise explains a race detector's report in its own words.
func TestEveryExerciseExplainsARace(t *testing.T) {
	for _, ex := range check.All() {
		assert.NotEmpty(t, ex.Race, ex.Name)
	}
}

func TestEveryExerciseHasItsFileAndSection(t *testing.T) {
	exercise.VerifyInfos(t, "../../..", check.All())
}
