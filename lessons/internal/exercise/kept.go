package exercise

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The helpers of the tests that keep wrong answers (each lesson's
// check/*_test.go): each shows its check rejecting a classic mistake, for
// the right reason.

// Rejected asserts that the check rejected a kept wrong answer for the
// mistake it was written to show: its likely mistake says one of likely
// (some wrong answers show one symptom or another, depending on how far
// they got).
func Rejected(t *testing.T, r Result, likely ...string) {
	t.Helper()
	require.Equal(t, Failed, r.Status, "the check should reject this answer; it said:\n%s", r.Message)
	found := false
	for _, l := range likely {
		found = found || strings.Contains(r.Mistake.Likely, l)
	}
	assert.True(t, found, "the check rejected it for another reason than %q:\n%s", likely, r.Message)
	t.Log("\n" + r.Message)
}

// Accepted asserts that the check passed a right answer.
func Accepted(t *testing.T, r Result) {
	t.Helper()
	require.Equal(t, Passed, r.Status, r.Message)
}

// Racy runs a kept wrong answer that its check rejects by itself but that
// is also a data race. Without the race detector, fn's assertions show the
// check rejecting it; with it, the race detector fails the test first, so
// fn runs in a copy of the test binary (ExpectRace) and Racy returns that
// copy's output ("" in the copy itself).
func Racy(t *testing.T, fn func()) (output string) {
	t.Helper()
	if RaceEnabled {
		return ExpectRace(t, fn)
	}
	fn()
	return ""
}

// RaceExplained asserts that the output of a test the race detector failed
// (ExpectRace's) explains the race: a "likely mistake:" line says one of
// likely (the exercise's Race text, or the check's own message when the
// race also broke the result). An empty output, the copy of the test
// binary that ran the racy code, has nothing to explain.
func RaceExplained(t *testing.T, output string, likely ...string) {
	t.Helper()
	if output == "" {
		return
	}
	assert.True(t, hasLikely(output, likely...), "the race report is not explained with %q:\n%s", likely, output)
}

// RejectedInSomeRun asserts that the check rejects a lost-update mistake,
// for the likely mistake given, in one of [LostUpdateTries] runs of it
// ([UntilRejected]).
func RejectedInSomeRun(t *testing.T, run func() Result, likely string) Result {
	t.Helper()
	r, runs := UntilRejected(run)
	t.Logf("%d run(s) of the check", runs)
	Rejected(t, r, likely)
	return r
}

// NeedTwoCPUs skips a test of a lost-update mistake where none can happen
// ([OneCPU]).
func NeedTwoCPUs(t *testing.T) {
	t.Helper()
	if OneCPU() {
		t.Skip("one CPU for this process: two goroutines never run at once, so no update can be lost (the race detector sees it)")
	}
}

// RejectedOrRaceReported shows the check rejecting a kept wrong answer that
// it catches when the answer's goroutines run in one order, and that the
// race detector reports when they run in another: a wg.Add(1) inside the
// goroutines, which a goroutine's wg.Wait() races with. The race detector's
// scheduler starts goroutines in a random order, so under -race either may
// happen: the answer runs in a copy of the test binary, whose output must
// name the mistake with likely (the check's message) or, beside a race
// report, with raceLikely (the exercise's Race text, as the learner's test
// would explain it), or crash after the race report (the shuffled
// goroutines can close a channel before a send the check does not hold
// back). Without the race detector the check must reject it.
func RejectedOrRaceReported[F any](t *testing.T, e Exercise[F], impl F, likely, raceLikely string, opts ...Option) {
	t.Helper()
	if !RaceEnabled {
		Rejected(t, e.Run(impl, opts...), likely)
		return
	}
	if os.Getenv(raceChildEnv) == t.Name() {
		r := e.Run(impl, opts...)
		if r.Status == Passed { // the race detector fails this run: say what the learner would read
			t.Log(failureMessage(e.Info, raceMistake(e.Info)))
			return
		}
		Rejected(t, r, likely)
		return
	}
	out, err := rerun(t)
	if err == nil {
		assert.True(t, hasLikely(string(out), likely), "the check did not reject it with %q:\n%s", likely, out)
		return
	}
	require.Contains(t, string(out), "WARNING: DATA RACE", "the copy of the test binary failed, but not with a data race")
	if strings.Contains(string(out), "\npanic: ") {
		// The race detector spoke first; then, in a later run of the check
		// that holds nothing back, the shuffled goroutines crashed the
		// program (a send on a channel already closed). A learner sees the
		// race report, then the crash, which the check table explains.
		t.Logf("the race detector reported it, then the program crashed:\n%s", out)
		return
	}
	assert.True(t, hasLikely(string(out), likely) || hasLikely(string(out), raceLikely),
		"neither the check (%q) nor the race explanation (%q) named the mistake:\n%s", likely, raceLikely, out)
}

// hasLikely reports whether output has a "likely mistake:" line that says
// one of likely.
func hasLikely(output string, likely ...string) bool {
	for line := range strings.Lines(output) {
		for _, l := range likely {
			if strings.Contains(line, "likely mistake:") && strings.Contains(line, l) {
				return true
			}
		}
	}
	return false
}

// RejectedOrCrashed runs a kept wrong answer that the check rejects with
// likely when it can hold back the goroutine about to crash, and that
// otherwise ends the program with a panic whose report contains crash (a
// send on a channel the answer has already closed, in a goroutine of the
// answer's, which nothing can recover). It runs in a copy of the test
// binary, which must pass (the check's assertions held) or crash so.
func RejectedOrCrashed(t *testing.T, crash string, fn func()) {
	t.Helper()
	if os.Getenv(raceChildEnv) == t.Name() {
		fn()
		return
	}
	out, err := rerun(t)
	if err == nil {
		return
	}
	if RaceEnabled && strings.Contains(string(out), "WARNING: DATA RACE") && !strings.Contains(string(out), "\npanic: ") {
		return // the race detector saw it first (the answer is racy too)
	}
	require.Contains(t, string(out), "panic: "+crash, "the copy of the test binary failed, but neither by the check nor with the crash:\n%s", out)
	t.Logf("the program crashed (%s), which the check table explains", crash)
}
