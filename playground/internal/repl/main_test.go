package repl

import (
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/playground/internal/symbols"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
	"github.com/gophertutor/concurrency/playground/internal/worker"
)

func TestMain(m *testing.M) {
	symbols.RunChildGuards() // the lessons' children: this test binary started again
	worker.RunIfRequested()  // the REPL's workers: this test binary started again
	testenv.Setup()
	lessontest.Main(m)
}
