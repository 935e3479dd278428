package overview

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) {
	RunChildIfRequested() // Processes and the benchmarks start this test binary as a child
	lessontest.Main(m)
}
