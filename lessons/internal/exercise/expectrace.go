package exercise

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// raceChildEnv names the test that a re-executed test binary should run the
// code of (the racy or crashing code of ExpectRace and ExpectCrash).
const raceChildEnv = "EXERCISE_EXPECT_RACE"

// ExpectRace shows that the race detector rejects the code in fn. A detected
// race fails the test it happens in, so fn cannot run in this test: instead
// the test binary runs itself again, for this test only (the helper-process
// pattern of os/exec's tests), and this test passes only when that run
// reports "WARNING: DATA RACE" and fails. Without the race detector (plain
// go test) the test is skipped: the race detector is what sees data races.
//
// It returns what the run printed (in the copy of the binary, "").
func ExpectRace(t *testing.T, fn func()) (output string) {
	t.Helper()
	if os.Getenv(raceChildEnv) == t.Name() {
		fn()
		return ""
	}
	if !RaceEnabled {
		t.Skip("this test shows the race detector rejecting a data race; run it with go test -race")
	}
	out, err := rerun(t)
	if err == nil {
		t.Fatalf("the race detector did not fail %s; its output:\n%s", t.Name(), out)
	}
	if !strings.Contains(string(out), "WARNING: DATA RACE") {
		t.Fatalf("%s failed, but not with a data race (%v); its output:\n%s", t.Name(), err, out)
	}
	return string(out)
}

// runPattern is a -test.run pattern that matches exactly the test named name
// (which may be a subtest: "TestX/sub").
func runPattern(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}

// ExpectCrash shows that the code in fn ends the program: a panic in a
// goroutine the check does not own (a channel closed twice, a send on a
// closed channel), or a fatal error. Such a crash would end this test
// binary too, so, as in [ExpectRace], the binary runs itself again for this
// test only, and this test passes only when that run crashed with a report
// that contains want. It returns what the run printed (in the copy, "").
func ExpectCrash(t *testing.T, want string, fn func()) (output string) {
	t.Helper()
	if os.Getenv(raceChildEnv) == t.Name() {
		fn()
		return ""
	}
	out, err := rerun(t)
	if err == nil {
		t.Fatalf("%s did not crash; its output:\n%s", t.Name(), out)
	}
	if !strings.Contains(string(out), want) {
		t.Fatalf("%s failed (%v), but its output has no %q:\n%s", t.Name(), err, want, out)
	}
	return string(out)
}

// rerun runs this test binary again for the test t only, with the
// environment telling the copy to run the test's code.
func rerun(t *testing.T) ([]byte, error) {
	cmd := exec.Command(os.Args[0], "-test.run="+runPattern(t.Name()), "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), raceChildEnv+"="+t.Name())
	return cmd.CombinedOutput()
}
