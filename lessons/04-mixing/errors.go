package mixing

import (
	"context"
	"errors"
	"fmt"
	"strings"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// ItemError is an item of Map that failed: its place in the items, the
// child process and goroutine that ran it, and why. Map's error holds one
// for each failed item. Err is
//
//   - what the function returned (errors.Is still finds context.Canceled
//     and context.DeadlineExceeded in it);
//   - a *processes.PanicError when the function panicked (its Stack is the
//     goroutine's, in the child);
//   - a *processes.ExitError when the child died before the item was done
//     (a crash, a signal, os.Exit, its memory limit: see OutOfMemory);
//   - the reason the child could not start, or could not send the item's
//     result back.
type ItemError struct {
	Index     int
	Process   string // the child's name, e.g. "Process-3"
	PID       int    // 0 if the child never started
	Goroutine int    // -1 if no goroutine ran it (or the child died first)
	Err       error
}

func (e *ItemError) Error() string {
	var exit *processes.ExitError
	if errors.As(e.Err, &exit) {
		// The ExitError names the child itself.
		return fmt.Sprintf("item %d was not done when the child process running it died: %v", e.Index, e.Err)
	}
	where := e.Process
	if e.PID != 0 {
		where += fmt.Sprintf(", pid %d", e.PID)
	}
	if e.Goroutine >= 0 {
		where += fmt.Sprintf(", goroutine %d", e.Goroutine)
	}
	return fmt.Sprintf("item %d (%s): %v", e.Index, where, e.Err)
}

// Unwrap returns the item's error.
func (e *ItemError) Unwrap() error { return e.Err }

// remoteError is an error a function returned in a child: its message,
// and the context error it was, if it was one.
type remoteError struct {
	msg   string
	cause error // context.Canceled, context.DeadlineExceeded, or nil
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.cause }

// toError turns an outcome that failed into the item's error; nil if it
// did not fail.
func (o *outcome[R]) toError(child, fn string) error {
	switch {
	case o.Panic != "":
		return &processes.PanicError{Name: child, Func: fn, Value: o.Panic, Stack: o.Stack}
	case o.Err == "":
		return nil
	}
	e := &remoteError{msg: o.Err}
	switch o.Context {
	case "canceled":
		e.cause = context.Canceled
	case "deadline":
		e.cause = context.DeadlineExceeded
	}
	return e
}

// mapError is Map's error when items failed: it reads as the first of
// them, and unwraps to all of them.
type mapError struct {
	fn    string
	n     int
	items []error // *ItemError, by index
}

func (e *mapError) Error() string {
	s := fmt.Sprintf("mixing: map %s: %v", e.fn, e.items[0])
	if more := len(e.items) - 1; more > 0 {
		s += fmt.Sprintf(" (and %d more of the %d items failed)", more, e.n)
	}
	return s
}

func (e *mapError) Unwrap() []error { return e.items }

// opError is an error of Map itself, before any item ran: "mixing: map
// name: ..." (a cause's own "processes: " is not said twice).
func opError(fn string, err error) error {
	return fmt.Errorf("mixing: map %s: %w", fn, trimmed{err})
}

// trimmed is an error whose message loses lesson 01's "processes: " prefix.
type trimmed struct{ err error }

func (t trimmed) Error() string { return strings.TrimPrefix(t.err.Error(), "processes: ") }
func (t trimmed) Unwrap() error { return t.err }
