package termination_test

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

func TestMain(m *testing.M) {
	processes.RunChildIfRequested() // the children these tests start are this test binary
	lessontest.Main(m)
}
