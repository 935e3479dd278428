// Package testenv is shared by the tests that start playground workers:
// the workers are the test binary started again, so under go test -race
// they are race-instrumented too, and yaegi itself has data races (between
// the evaluation of a cell and goroutines of earlier cells that touch
// global variables). Setup sends the workers' race reports to files
// instead of their standard error, where they would be taken for the
// program's output; CheckRaces fails a test for a report that involves
// the course's own code.
package testenv

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// module prefixes the course's own functions in stack traces.
const module = "github.com/gophertutor/concurrency/"

var (
	logDir string
	mu     sync.Mutex
	seen   = map[string]bool{}
)

// Setup prepares the environment the workers inherit. Call it in TestMain
// before lessontest.Main (which keeps a GORACE that is already set). It
// also gives the workers a small stack, so that the tests of stack
// overflows are quick.
func Setup() {
	os.Setenv("GOPHERTUTOR_PLAYGROUND_MAX_STACK", "8388608")
	if !raceEnabled {
		return
	}
	removeOld()
	dir, err := os.MkdirTemp("", "playground-race-")
	if err != nil {
		return
	}
	logDir = dir
	os.Setenv("GORACE", "atexit_sleep_ms=0 log_path="+filepath.Join(dir, "report"))
}

// removeOld removes the report directories of earlier runs.
func removeOld() {
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), "playground-race-*"))
	for _, d := range old {
		if fi, err := os.Stat(d); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.RemoveAll(d)
		}
	}
}

// CheckRaces fails t for each new race report of a worker in which the
// course's code made one of the racing accesses. Call it after the test's
// workers are gone (in t.Cleanup, registered before the session's Close).
func CheckRaces(t testing.TB) {
	if logDir == "" {
		return
	}
	files, _ := filepath.Glob(filepath.Join(logDir, "report*"))
	mu.Lock()
	defer mu.Unlock()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, report := range bytes.Split(b, []byte("==================\n")) {
			r := string(report)
			if !strings.Contains(r, "WARNING: DATA RACE") || seen[r] {
				continue
			}
			seen[r] = true
			if ours(r) {
				t.Errorf("a data race in the course's code, in a worker:\n%s", r)
			}
		}
	}
}

// ours reports whether one of the racing accesses of a report — the
// stacks under "Read at", "Write at", "Previous ..." — runs the course's
// code, rather than only yaegi's.
func ours(report string) bool {
	access := false
	for _, line := range strings.Split(report, "\n") {
		switch {
		case strings.Contains(line, "created at"):
			access = false
		case strings.Contains(line, " at 0x"):
			access = true
		case strings.TrimSpace(line) == "":
			access = false
		case access && strings.HasPrefix(strings.TrimSpace(line), module):
			return true
		}
	}
	return false
}
