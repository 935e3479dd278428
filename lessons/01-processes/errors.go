package processes

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"
)

// Errors a caller can test for with errors.Is.
var (
	// ErrNotRegistered: the function was not registered with Register at
	// start-up, so a child process cannot run it.
	ErrNotRegistered = errors.New("processes: function not registered")
	// ErrNoGuard: main (or TestMain) does not start with
	// RunChildIfRequested, so a child would run main again.
	ErrNoGuard = errors.New("processes: RunChildIfRequested was not called")
	// ErrPoolClosed: the pool was closed or terminated; make a new one.
	ErrPoolClosed = errors.New("processes: pool is closed")
	// ErrPoolTerminated: the pool was terminated before the task finished.
	ErrPoolTerminated = errors.New("processes: pool was terminated")
	// ErrEmpty: a non-blocking Get found the queue empty.
	ErrEmpty = errors.New("processes: queue is empty")
	// ErrFull: a non-blocking Put found a bounded queue full.
	ErrFull = errors.New("processes: queue is full")
	// ErrQueueClosed: the queue was closed (and, for Get, is empty).
	ErrQueueClosed = errors.New("processes: queue is closed")
	// ErrEventClosed: the event was closed by the process that made it.
	ErrEventClosed = errors.New("processes: event is closed")
)

// ExitError reports a child that ended without sending a result: it called
// os.Exit, crashed (a panic in another goroutine, a fatal runtime error),
// was killed by a signal, or, in a program built with -race, had a data
// race: there a child stops at the first race it finds, with the race
// detector's exit code, 66, and its report in Stderr.
type ExitError struct {
	// Name and PID identify the child.
	Name string
	PID  int
	// Code is the exit code, or -1 if a signal ended the child (or its
	// status is unknown: something other than this package waited for it).
	Code int
	// Signal is the signal that ended the child, or 0.
	Signal syscall.Signal
	// Stderr is what the child wrote to its standard error about its
	// crash (a Go program prints the panic or fatal error there), or else
	// the end of its standard error.
	Stderr string
	// MemoryLimit is the child's limit in bytes (WithMemoryLimit), or 0.
	MemoryLimit int64

	unreadable error // why this package stopped reading the child and killed it
	oom        bool  // its standard error said it ran out of memory
	noThread   bool  // its standard error said it could not start a thread
	panicked   bool  // its standard error had a Go panic
	raced      bool  // its standard error had the race detector's report
	peak       int64 // its peak resident memory in bytes, where the system says (Linux)
}

// OutOfMemory reports whether the child died for want of memory. Its
// standard error says so: the Go runtime's fatal "out of memory" (what a
// child that reaches the hard limit of WithMemoryLimit usually dies of),
// or the race detector's failure to allocate memory of its own. Or the
// child had a memory limit, and the Go runtime ended it (exit code 2)
// with no panic, either because it could not start a thread or near its
// limit (its peak resident memory at least three quarters of it): at the
// very edge of its memory, the runtime can fail in other ways than "out
// of memory", such as a segmentation fault, and a program that uses cgo
// starts its threads with pthread_create, whose stacks (8 MiB by default)
// count against the limit too.
func (e *ExitError) OutOfMemory() bool {
	if e.oom || strings.Contains(e.Stderr, "out of memory") || strings.Contains(e.Stderr, "ThreadSanitizer failed to allocate") {
		return true
	}
	near := e.peak >= e.MemoryLimit/4*3
	byTheRuntime := e.Code == 2 && e.Signal == 0 && !e.panicked && !strings.Contains(e.Stderr, "panic: ")
	return e.MemoryLimit > 0 && byTheRuntime && (e.noThread || strings.Contains(e.Stderr, "pthread_create failed") || near)
}

func (e *ExitError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (pid %d) ", e.Name, e.PID)
	switch {
	case e.Signal != 0:
		fmt.Fprintf(&b, "was killed by signal %d (%v)", int(e.Signal), e.Signal)
	case e.Code < 0:
		b.WriteString("exited (its status was collected by another waiter)")
	default:
		fmt.Fprintf(&b, "exited with code %d", e.Code)
	}
	b.WriteString(" without a result")
	if e.raced && e.Signal == 0 {
		b.WriteString(": the race detector found a data race in it, and stopped it there (a child of a program " +
			"built with -race stops at its first race); its report says which two accesses of which variable")
	}
	if e.OutOfMemory() {
		b.WriteString(": it ran out of memory")
		if e.MemoryLimit > 0 {
			fmt.Fprintf(&b, " (processes.WithMemoryLimit gave it %s)", formatBytes(e.MemoryLimit))
		}
	}
	switch {
	case e.unreadable == nil:
	case errors.Is(e.unreadable, io.ErrUnexpectedEOF) && e.Signal != 0:
		// It died in the middle of sending: the signal says why.
	case errors.Is(e.unreadable, io.ErrUnexpectedEOF):
		b.WriteString(": its last message to the parent was cut short, so something else wrote to its result " +
			"pipe (fd 3); a child's output belongs on its standard output or standard error")
	default:
		fmt.Fprintf(&b, ": it wrote to its result pipe (fd 3) what is not a message of this package (%v), so its parent "+
			"could not read its result, and killed it if it still ran; a child's output belongs on its standard output "+
			"or standard error", e.unreadable)
	}
	if why := strings.TrimSpace(e.Stderr); why != "" {
		b.WriteString("; its stderr:\n" + why)
	}
	return b.String()
}

// formatBytes writes n in the largest binary unit it reaches: "64 MiB",
// "1.5 GiB", "1000 bytes".
func formatBytes(n int64) string {
	for _, u := range []struct {
		name  string
		shift uint
	}{{"GiB", 30}, {"MiB", 20}, {"KiB", 10}} {
		if n >= 1<<u.shift {
			if n%(1<<u.shift) == 0 {
				return fmt.Sprintf("%d %s", n>>u.shift, u.name)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(int64(1)<<u.shift), u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// PanicError reports a registered function that panicked in a child. The
// child recovered the panic and sent its value and stack to the parent.
type PanicError struct {
	// Name is the child's name, Func the registered function's.
	Name, Func string
	// Value is the panic value, formatted with %v.
	Value string
	// Stack is the child goroutine's stack at the panic.
	Stack string
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("%s: %s panicked: %s\n\n%s", e.Name, e.Func, e.Value, e.Stack)
}

// RemoteError is an error returned by a registered function in a child.
// Errors do not cross processes as values: the parent gets the message, and
// errors.Is still matches context.Canceled and context.DeadlineExceeded.
type RemoteError struct {
	Name, Func string
	Message    string
	wrapped    error // context.Canceled or context.DeadlineExceeded, if it was one
}

func (e *RemoteError) Error() string { return fmt.Sprintf("%s: %s: %s", e.Name, e.Func, e.Message) }

// Unwrap lets errors.Is see a child's context errors.
func (e *RemoteError) Unwrap() error { return e.wrapped }

// WorkerDiedError reports a pool task whose worker process died while
// running it. The pool starts another worker in its place.
type WorkerDiedError struct {
	Exit *ExitError
}

func (e *WorkerDiedError) Error() string {
	return "pool worker died running this task: " + e.Exit.Error()
}

// Unwrap returns the worker's ExitError.
func (e *WorkerDiedError) Unwrap() error { return e.Exit }

// opError is an error of one of this package's operations: "processes:",
// the operation, and its cause, whose own "processes: " (a sentinel's, or
// an inner operation's) is not said twice.
type opError struct {
	op  string
	err error
}

func opErr(op string, err error) error { return &opError{op, err} }

func (e *opError) Error() string {
	return "processes: " + e.op + ": " + strings.TrimPrefix(e.err.Error(), "processes: ")
}

func (e *opError) Unwrap() error { return e.err }
