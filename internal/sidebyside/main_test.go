package sidebyside

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

func TestMain(m *testing.M) {
	// The figures start this test binary again as child processes.
	overview.RunChildIfRequested()
	processes.RunChildIfRequested()
	lessontest.Main(m)
}
