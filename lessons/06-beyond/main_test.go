package beyond

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// TestMain fails the package if a test left a goroutine, a child process
// or a listening socket (a NATS server not shut down) behind.
func TestMain(m *testing.M) {
	processes.RunChildIfRequested() // the worker processes are this test binary
	lessontest.MainNoListeners(m)
}
