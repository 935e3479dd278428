package termination

import (
	"context"
	"errors"
	"fmt"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// ErrSet is the cause (context.Cause) of a WhenSet context whose event was
// set.
var ErrSet = errors.New("termination: the event was set")

// WhenSet returns a context that is cancelled once e is set, or once ctx
// ends, whichever comes first. A worker that passes it to what it calls
// stops in the middle of any of them (a sleep, a queue's Get, an HTTP
// request) when the event is set, where Python's workers look at is_set()
// between one value and the next. The context's cause is ErrSet when the
// event was set, and why it cannot be watched otherwise (its owner closed
// it: processes.ErrEventClosed). It works in the process that made the
// event and in the children it was handed to.
//
// Call the returned function once done with the context: it stops watching
// the event, and returns once the goroutine that watched it has.
func WhenSet(ctx context.Context, e *processes.Event) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := e.Wait(ctx)
		switch {
		case err == nil:
			cancel(ErrSet)
		case ctx.Err() == nil:
			cancel(fmt.Errorf("termination: watch the event: %w", err))
		}
	}()
	return ctx, func() {
		cancel(context.Canceled)
		<-done
	}
}
