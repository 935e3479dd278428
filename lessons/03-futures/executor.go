package futures

import (
	"context"
	"errors"
	"strings"
)

// Executor runs tasks: Python's concurrent.futures.Executor. Two kinds
// come with this package, and they take the same calls, so that switching
// is one word: NewThreadPool runs tasks on goroutines in this process,
// NewProcessPool in worker processes (lesson 01's pool). Give an executor
// work with Submit and Map; shut it down with Shutdown, or Close (defer it:
// the twin of Python's with).
//
// An Executor is implemented outside this package too (lesson 06 runs
// tasks on NATS JetStream): Execute takes a Task, which says how to run
// it and carries its future.
type Executor interface {
	// Execute takes t to run later (or now). It fails, and t never runs,
	// if the executor was shut down (ErrShutdown) or is broken
	// (ErrBroken).
	Execute(t *Task) error
	// Shutdown stops the executor taking new tasks and, by default, waits
	// until every task it took has finished and its workers have exited,
	// or until ctx ends: Python's shutdown(wait=True). CancelPending and
	// NoWait change that. Calling it again is harmless, and waits again.
	Shutdown(ctx context.Context, opts ...ShutdownOption) error
	// Close is Shutdown with no deadline and no options: defer it.
	Close() error
	// Workers is the most tasks the executor runs at once.
	Workers() int
}

// ShutdownOption changes what Shutdown does.
type ShutdownOption func(*shutdownOptions)

type shutdownOptions struct {
	cancelPending bool
	noWait        bool
}

// CancelPending makes Shutdown cancel the tasks that have not started:
// Python's cancel_futures=True. Running and finished ones are left alone.
func CancelPending() ShutdownOption { return func(o *shutdownOptions) { o.cancelPending = true } }

// NoWait makes Shutdown return at once, while the tasks it took go on:
// Python's wait=False. Call Shutdown again without it to wait for them.
func NoWait() ShutdownOption { return func(o *shutdownOptions) { o.noWait = true } }

func shutdownOpts(opts []ShutdownOption) shutdownOptions {
	var o shutdownOptions
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// Errors a caller can test for with errors.Is.
var (
	// ErrShutdown: the executor was shut down; it takes no new tasks.
	ErrShutdown = errors.New("futures: cannot schedule new futures after shutdown")
	// ErrBroken: the executor cannot run tasks any more (a worker process
	// died, an initializer failed): Python's BrokenExecutor. The error
	// wraps its cause too.
	ErrBroken = errors.New("futures: the executor is broken")
	// ErrCancelled: the future was cancelled before its task started.
	ErrCancelled = errors.New("futures: cancelled")
	// ErrStopped: Stop cancelled the task's context while it ran; the
	// error wraps the function's own too.
	ErrStopped = errors.New("futures: stopped while running")
)

// brokenError is ErrBroken with what broke the executor: why says it in
// words, cause is the error behind it (errors.As finds it: a
// *processes.WorkerDiedError names the exit code or signal).
type brokenError struct {
	why    string
	cause  error
	silent bool // why says it all: the cause's words are not added
}

func broken(why string, cause error) error { return &brokenError{why: why, cause: cause} }

func (e *brokenError) Error() string {
	s := ErrBroken.Error() + ": " + e.why
	if e.cause != nil && !e.silent {
		s += ": " + strings.TrimPrefix(e.cause.Error(), "futures: ")
	}
	return s
}

func (e *brokenError) Unwrap() []error {
	if e.cause == nil {
		return []error{ErrBroken}
	}
	return []error{ErrBroken, e.cause}
}

// opError is an error of one of this package's operations: "futures:",
// the operation, and its cause, whose own "futures: " is not said twice.
type opError struct {
	op  string
	err error
}

func opErr(op string, err error) error { return &opError{op, err} }

func (e *opError) Error() string {
	return "futures: " + e.op + ": " + strings.TrimPrefix(e.err.Error(), "futures: ")
}

func (e *opError) Unwrap() error { return e.err }
