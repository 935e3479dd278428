package main

import (
	"os"
	"testing"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/playground/internal/cli"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
	"github.com/gophertutor/concurrency/playground/internal/worker"
)

// runAsPlayground makes a copy of this test binary the playground itself,
// for the tests that drive it through a pseudo-terminal.
const runAsPlayground = "GOPHERTUTOR_PLAYGROUND_TEST_MAIN"

func TestMain(m *testing.M) {
	runChildGuards()        // the lessons' children
	worker.RunIfRequested() // the playground's workers
	if os.Getenv(runAsPlayground) != "" {
		os.Unsetenv(runAsPlayground)
		os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	testenv.Setup()
	lessontest.Main(m)
}
