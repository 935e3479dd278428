package beyond

import (
	"fmt"
	"os"
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// TestMain fails the package if a test left a goroutine, a child process
// or a listening socket (a NATS server not shut down) behind.
func TestMain(m *testing.M) {
	processes.RunChildIfRequested() // the worker processes are this test binary
	if _, ok := os.LookupEnv("GORACE"); !ok {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	code := m.Run()
	if code == 0 {
		if err := lessontest.Leftovers(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
		if socks := listening(); len(socks) > 0 {
			fmt.Fprintf(os.Stderr, "a test left sockets listening (a NATS server not shut down): %v\n", socks)
			code = 1
		}
	}
	os.Exit(code)
}
