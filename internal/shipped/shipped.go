// Package shipped tells the course's own tests whether to assume that the
// exercises are as the course ships them. A learner's answers change the
// exercise stubs, and their go test must not fail for that: the tests that
// check the stubs as shipped (a README cell that shows a stub, a progress
// table where nothing is attempted yet) skip once the learner has started.
// CI, where the files are as shipped, sets Env so that they always run.
package shipped

import (
	"os"
	"strings"
	"testing"
)

// Env names the environment variable that CI sets (to any value).
const Env = "COURSE_AS_SHIPPED"

// Strict reports whether Env is set: the checks of the stubs as shipped
// must run, and fail if the stubs are not.
func Strict() bool { return os.Getenv(Env) != "" }

// SkipIfStarted skips a test of the exercises as shipped when the learner
// has started on some of them (started names them, as "00/Counter"),
// unless Strict: in CI it runs, and fails if a stub is not as shipped.
func SkipIfStarted(t testing.TB, started []string) {
	t.Helper()
	if len(started) == 0 || Strict() {
		return
	}
	t.Skipf("you have started on %s: this test checks the exercises as the course ships them "+
		"(CI runs it, with %s=1)", strings.Join(started, ", "), Env)
}
