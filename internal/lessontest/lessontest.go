// Package lessontest holds what every lesson's and solution's tests share:
// a TestMain that fails the package when a test leaves a goroutine or a
// child process behind.
package lessontest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"testing"

	"go.uber.org/goleak"

	"github.com/gophertutor/concurrency/internal/children"
)

// Main runs the package's tests, then fails the run if a goroutine is still
// alive (go.uber.org/goleak) or a child process of the test binary still
// exists — running, or exited but never waited for. Call it from TestMain:
//
//	func TestMain(m *testing.M) { lessontest.Main(m) }
//
// A package whose tests start copies of the test binary as child processes
// calls its child guard first (see lesson 00's RunChildIfRequested).
//
// Main also sets GORACE=atexit_sleep_ms=0 (unless GORACE is set): a program
// built with -race otherwise sleeps a second before it exits, which would
// make every child process a test starts under go test -race take a second.
func Main(m *testing.M, opts ...goleak.Option) {
	if _, ok := os.LookupEnv("GORACE"); !ok {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	os.Exit(run(m, os.Stderr, opts...))
}

func run(m *testing.M, stderr io.Writer, opts ...goleak.Option) int {
	code := m.Run()
	if code != 0 {
		return code // the failing test already says what went wrong
	}
	if err := Leftovers(opts...); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

// Leftovers reports goroutines and child processes still alive. It kills
// the leftover children it finds, so one failing test run does not leave
// processes behind on the learner's machine.
func Leftovers(opts ...goleak.Option) error {
	var errs []error
	if err := goleak.Find(opts...); err != nil {
		errs = append(errs, fmt.Errorf("a test left goroutines running: every goroutine needs an owner that waits for it\n%w", err))
	}
	kids, err := children.List()
	switch {
	case errors.Is(err, children.ErrUnsupported):
	case err != nil:
		errs = append(errs, fmt.Errorf("check for leftover child processes: %w", err))
	case len(kids) > 0:
		errs = append(errs, fmt.Errorf("a test left child processes behind: start them with a parent that waits for them (cmd.Wait)\n%s", children.Describe(kids)))
		children.Reap(kids)
	}
	return errors.Join(errs...)
}
