package check_test

import (
	"testing"
	"time"

	"github.com/gophertutor/concurrency/lessons/02-threads/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
	"github.com/stretchr/testify/assert"
)

// The tests of this package keep, one file per exercise, wrong answers a
// learner might write, and show that the check rejects each one for the
// right reason. A wrong answer that only the race detector can see (one no
// check can force to show) runs under exercise.ExpectRace, which also shows
// that the race report is explained.

func TestMain(m *testing.M) { check.Main(m) }

// quick is the patience for wrong answers: they are rejected whatever the
// patience, so there is no reason to wait long. The call bound stays long:
// a wrong answer that runs its tasks one after the other waits out the
// patience once per task, and on a busy machine that adds up to more than
// the default bound (three patiences), which would then reject it for
// being stuck instead of for its real mistake.
var quick = exercise.Options(exercise.WithPatience(100*time.Millisecond), exercise.WithCallBound(3*time.Second))

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

// TestRaceSensitiveExercises: an exercise whose classic mistake only the
// race detector sees is marked RaceSensitive, so that a pass without -race
// says to run -race, and a race report under -race is explained.
func TestRaceSensitiveExercises(t *testing.T) {
	sensitive := map[string]bool{}
	for _, ex := range check.All() {
		sensitive[ex.Name] = ex.RaceSensitive
	}
	assert.Equal(t, map[string]bool{"Download": true, "Tally": true, "FinishEarly": false, "WorkerPool": true}, sensitive)
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
