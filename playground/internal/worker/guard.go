package worker

import (
	"fmt"
	"os"
)

// Env is the environment variable that makes a copy of the playground's
// binary a worker. Its value is the worker's cell-file name prefix; any
// non-empty value works.
const Env = "GOPHERTUTOR_PLAYGROUND_WORKER"

// The worker's control pipes: the supervisor passes them as
// cmd.ExtraFiles[0] and [1].
const (
	fdRequests = 3 // from the supervisor
	fdAnswers  = 4 // to the supervisor
)

// RunIfRequested runs the worker and exits if this process was started as
// one; otherwise it returns at once. Call it at the top of main (after the
// lessons' child guards: a lesson's child inherits the worker's
// environment) and of TestMain in test binaries whose tests start workers.
func RunIfRequested() {
	if os.Getenv(Env) == "" {
		return
	}
	if err := Main(); err != nil {
		fmt.Fprintf(os.Stderr, "playground worker: %v\n", err)
		os.Exit(70)
	}
	os.Exit(0)
}
