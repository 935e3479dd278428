package termination

import (
	"context"
	"os/signal"
	"syscall"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Deaf is a worker that listens to nothing: it ignores its context and
// SIGTERM, sets ready once it does, and then waits for ever. Only the top
// rung of the ladder, SIGKILL, ends it.
var Deaf = processes.Register("termination.Deaf", func(_ context.Context, ready *processes.Event) (string, error) {
	signal.Ignore(syscall.SIGTERM)
	if err := ready.Set(); err != nil {
		return "", err
	}
	select {}
})
