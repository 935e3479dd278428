package futures

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// State is where a future is in its life: Python's PENDING, RUNNING,
// CANCELLED and FINISHED.
type State uint32

// The states of a future.
const (
	Pending   State = iota // submitted, not started: Cancel works
	Running                // started (on the process kind: handed to the worker processes)
	Cancelled              // cancelled before it started: it never runs
	Finished               // ran: it has a result or an error
)

func (s State) String() string {
	return [...]string{"pending", "running", "cancelled", "finished"}[s]
}

// core is the state every future has, whatever its result's type: what
// Wait and AsCompleted need, and what an executor moves along.
type core struct {
	state   atomic.Uint32 // a State; changed under mu, read without it
	stopped bool          // Stop was called (under mu)

	mu        sync.Mutex
	err       error         // the outcome, once done
	done      chan struct{} // made when someone waits, closed when done
	listeners []listener    // done-callbacks and waiters, in the order added
	// cancelTask cancels the running task's context, once the task has
	// made it (see taskContext): nil until then.
	cancelTask context.CancelCauseFunc
}

// listener is something to tell when a future is done: a callback, or
// one of Wait's or AsCompleted's waiters.
type listener struct {
	callback func()
	waiter   *waiter
}

// closedChan is the Done channel of a future that was done before anyone
// asked for its channel.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

func (c *core) State() State { return State(c.state.Load()) }

func (c *core) isDone() bool {
	s := c.State()
	return s == Cancelled || s == Finished
}

// doneChan returns a channel closed when the future is done.
func (c *core) doneChan() <-chan struct{} {
	if c.isDone() {
		return closedChan
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.isDone() {
		return closedChan
	}
	if c.done == nil {
		c.done = make(chan struct{})
	}
	return c.done
}

// start moves a pending future to running: Python's
// set_running_or_notify_cancel. It returns false if the future was
// cancelled, and must then not run.
func (c *core) start() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.State() != Pending {
		return false
	}
	c.state.Store(uint32(Running))
	return true
}

// cancel is Python's Future.cancel: true if the future is cancelled (now,
// or before), false if it runs or has finished.
func (c *core) cancel() bool {
	c.mu.Lock()
	switch c.State() {
	case Cancelled:
		c.mu.Unlock()
		return true
	case Running, Finished:
		c.mu.Unlock()
		return false
	}
	c.err = ErrCancelled
	return c.settle(Cancelled) // unlocks
}

// stopTask is Stop: a pending future is cancelled; a running one's context
// is cancelled with ErrStopped as its cause.
func (c *core) stopTask() bool {
	if c.cancel() {
		return true
	}
	c.mu.Lock()
	running := c.State() == Running
	if running {
		c.stopped = true
	}
	stop := c.cancelTask // nil if the task has not made its context: made later, it is made cancelled
	c.mu.Unlock()
	if running && stop != nil {
		stop(ErrStopped)
	}
	return running
}

// finish records the outcome of a task that ran. set, if not nil, stores
// the result under the lock first. It reports whether this call finished
// the future (a future finishes once).
func (c *core) finish(err error, set func()) bool {
	c.mu.Lock()
	if c.isDone() {
		c.mu.Unlock()
		return false
	}
	if set != nil {
		set()
	}
	if err != nil && c.stopped {
		err = fmt.Errorf("%w: %w", ErrStopped, err)
	}
	c.err = err
	c.settle(Finished) // unlocks
	return true
}

// settle moves the future to a final state, wakes everyone waiting and
// runs the callbacks, in the order they were added. c.mu is held; settle
// unlocks it.
func (c *core) settle(s State) bool {
	c.state.Store(uint32(s))
	if c.done != nil {
		close(c.done)
	}
	ls := c.listeners
	c.listeners = nil
	stop := c.cancelTask // the task is over: cancel its context, if it made one
	c.mu.Unlock()
	if stop != nil {
		stop(nil)
	}
	for _, l := range ls {
		l.fire(c)
	}
	return true
}

func (l listener) fire(c *core) {
	if l.waiter != nil {
		l.waiter.notify(c)
		return
	}
	runCallback(l.callback)
}

// callbackReports is where a done-callback's panic is reported (tests
// change it); nil is standard error.
var callbackReports io.Writer

// runCallback runs a done-callback. One that panics is reported, as
// Python logs it, and the callbacks after it still run.
func runCallback(f func()) {
	defer func() {
		if v := recover(); v != nil {
			w := callbackReports
			if w == nil {
				w = os.Stderr
			}
			fmt.Fprintf(w, "futures: a done-callback panicked: %v\n%s", v, debug.Stack())
		}
	}()
	f()
}

// listen adds l, or fires it now if the future is done already.
func (c *core) listen(l listener) {
	c.mu.Lock()
	if !c.isDone() {
		c.listeners = append(c.listeners, l)
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	l.fire(c)
}

// unlisten removes waiter w, which has stopped waiting.
func (c *core) unlisten(w *waiter) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, l := range c.listeners {
		if l.waiter == w {
			c.listeners = append(c.listeners[:i], c.listeners[i+1:]...)
			return
		}
	}
}

// outcome is the future's error once it is done.
func (c *core) outcome() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// wait waits until the future is done or ctx ends.
func (c *core) wait(ctx context.Context) error {
	if c.isDone() {
		return nil
	}
	select {
	case <-c.doneChan():
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Future is the result of a task that may not have finished: Python's
// concurrent.futures.Future. Submit returns one; Wait and AsCompleted take
// any number of them, whatever their result type.
type Future[R any] struct {
	c     core
	value R
}

func (f *Future[R]) future() *core {
	if f == nil {
		return nil
	}
	return &f.c
}

// Result waits for the task and returns its result, or its error: the
// function's own (a panic's, as a *PanicError; in a process, as lesson
// 01's *processes.PanicError, with the child's stack), ErrCancelled if the
// future was cancelled, an error wrapping ErrStopped if Stop ended it, or
// one wrapping ErrBroken if the executor broke. If ctx ends first (give it
// a deadline for Python's timeout), Result returns ctx's error and the task
// goes on.
func (f *Future[R]) Result(ctx context.Context) (R, error) {
	var zero R
	if err := f.c.wait(ctx); err != nil {
		return zero, fmt.Errorf("futures: result: %w", err)
	}
	// Done: the outcome was written before the state said so (settle), and
	// is never written again, so it is read without the lock.
	if f.c.err != nil {
		return zero, f.c.err
	}
	return f.value, nil
}

// Err waits for the task like Result and returns only its error: Python's
// exception().
func (f *Future[R]) Err(ctx context.Context) error {
	_, err := f.Result(ctx)
	return err
}

// Done is closed when the future is done: finished or cancelled. Python's
// done() is a receive from it in a select with a default, or IsDone.
func (f *Future[R]) Done() <-chan struct{} { return f.c.doneChan() }

// IsDone reports whether the future is finished or cancelled: Python's
// done().
func (f *Future[R]) IsDone() bool { return f.c.isDone() }

// State is the future's state now.
func (f *Future[R]) State() State { return f.c.State() }

// Running reports whether the task is running: Python's running().
func (f *Future[R]) Running() bool { return f.c.State() == Running }

// Cancelled reports whether the future was cancelled: Python's
// cancelled().
func (f *Future[R]) Cancelled() bool { return f.c.State() == Cancelled }

// Cancel cancels the task if it has not started: Python's cancel(). It
// returns true if the future is cancelled (the task will never start),
// false if the task is running or has finished. See Stop for a running
// task.
func (f *Future[R]) Cancel() bool { return f.c.cancel() }

// Stop is what Python cannot do: it stops the task whether or not it has
// started. A pending task is cancelled, as Cancel does. A running task's
// context is cancelled, with ErrStopped as its cause (context.Cause):
// the function sees it and returns, and its error then wraps ErrStopped
// and the function's own; a function that ignores its context and returns
// a result keeps it. On a ProcessPool, a function that has not returned
// when lesson 01's grace period ends (processes.WithGrace, 2 s) has its
// worker process killed, and its error says the task was cancelled. Stop
// returns false if the task had finished.
func (f *Future[R]) Stop() bool { return f.c.stopTask() }

// AddDoneCallback arranges for fn(f) to run when the future is done:
// Python's add_done_callback. If it is done already, fn runs now, on this
// goroutine; otherwise on the goroutine that finishes it (a worker's: keep
// fn short). Callbacks run in the order they were added; one that panics is
// reported on standard error, and the others still run.
func (f *Future[R]) AddDoneCallback(fn func(*Future[R])) {
	f.c.listen(listener{callback: func() { fn(f) }})
}
