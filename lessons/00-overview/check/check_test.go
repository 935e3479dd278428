package check_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// rejected asserts that the check rejected a wrong answer with the likely
// mistake given.
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

// racy runs a wrong answer that is also a data race. Without the race
// detector, fn's assertions show that the check rejects it all the same;
// with it, the race detector fails the test first, so fn runs in a copy of
// the test binary (exercise.ExpectRace).
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
