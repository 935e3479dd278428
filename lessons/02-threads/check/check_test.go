package check_test

import (
	"strings"
	"testing"
	"time"

	"github.com/gophertutor/concurrency/lessons/02-threads/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

func rejected(t *testing.T, r exercise.Result, likely string) {
	t.Helper()
	require.Equal(t, exercise.Failed, r.Status, "the check should reject this answer; it said:\n%s", r.Message)
	assert.Contains(t, r.Mistake.Likely, likely, "the check rejected it for another reason:\n%s", r.Message)
	t.Log("\n" + r.Message)
}

// raceExplained asserts that the output of a test the race detector
// failed (exercise.ExpectRace's) explains the race: its likely mistake
// says one of the things given: the exercise's Race text, or the check's own message when
// the race also broke the result.
func raceExplained(t *testing.T, out string, likely ...string) {
	t.Helper()
	if out == "" {
		return // in the copy of the test binary that ran the racy code
	}
	found := false
	for line := range strings.Lines(out) {
		for _, l := range likely {
			found = found || strings.Contains(line, "likely mistake:") && strings.Contains(line, l)
		}
	}
	assert.True(t, found, "the race report is not explained with %q:\n%s", likely, out)
}

// racy runs a wrong answer that the check catches by itself, but that is
// also a data race. Without the race detector, fn's assertions show the
// check rejecting it; with it, the race detector fails the test first, so
// fn runs in a copy of the test binary (exercise.ExpectRace).
func racy(t *testing.T, fn func()) {
	t.Helper()
	if exercise.RaceEnabled {
		exercise.ExpectRace(t, fn)
		return
	}
	fn()
}

// rejectedInSomeRun asserts that the check rejects a lost-update mistake,
// with the likely mistake given, in one of exercise.LostUpdateTries runs.
func rejectedInSomeRun(t *testing.T, run func() exercise.Result, likely string) exercise.Result {
	t.Helper()
	r, runs := exercise.UntilRejected(run)
	t.Logf("%d run(s) of the check", runs)
	rejected(t, r, likely)
	return r
}

// twoCPUs skips a test of a lost-update mistake where none can happen.
func twoCPUs(t *testing.T) {
	t.Helper()
	if exercise.OneCPU() {
		t.Skip("one CPU for this process: two goroutines never run at once, so no update can be lost (the race detector sees it)")
	}
}

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
