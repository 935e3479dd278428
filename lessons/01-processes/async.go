package processes

import (
	"context"
	"fmt"
	"sync"
)

// AsyncResult is a task running in a pool: Python's AsyncResult.
type AsyncResult[R any] struct {
	done chan struct{}

	mu       sync.Mutex
	finished bool
	stop     func() bool // stops watching the task's context
	value    R
	err      error
}

// complete sets the result once; it reports whether this call did. Done is
// not closed yet: the caller closes it (ready) once the callback has run.
func (r *AsyncResult[R]) complete(v R, err error) bool {
	r.mu.Lock()
	if r.finished {
		r.mu.Unlock()
		return false
	}
	r.finished, r.value, r.err = true, v, err
	stop := r.stop
	r.mu.Unlock()
	if stop != nil {
		stop()
	}
	return true
}

// ready lets Get return: after the callback, as in Python, whose
// ApplyResult sets its event once the callback has returned.
func (r *AsyncResult[R]) ready() { close(r.done) }

// watch cancels the task when ctx ends before it has finished.
func (r *AsyncResult[R]) watch(ctx context.Context, cancel func()) {
	if ctx.Done() == nil {
		return
	}
	stop := context.AfterFunc(ctx, cancel)
	r.mu.Lock()
	finished := r.finished
	r.stop = stop
	r.mu.Unlock()
	if finished {
		stop()
	}
}

// ApplyAsync runs fn(arg) in one of the pool's workers and returns at
// once: Python's Pool.apply_async. When the task finishes, callback (if not
// nil) is called with its result or error. Callbacks run one at a time, in
// the order tasks finish, on a goroutine of the pool's: keep them short, and
// do not call Join, or Get of a task not yet finished, from one (Terminate
// is fine). As in Python, Get returns and Done is closed only once the
// callback has returned: what it wrote is there to read after Get.
//
// ctx is the task's: if it ends before the task has started, the task never
// starts, and its result is ctx's error. If it ends while the task runs,
// the function's context in the worker is cancelled, and the result is what
// the function returns then; one that has not returned when the pool's
// grace period (WithGrace) ends has its worker killed and replaced, and
// its result is ctx's error.
func ApplyAsync[A, R any](ctx context.Context, p *Pool, fn *Func[A, R], arg A, callback func(R, error)) (*AsyncResult[R], error) {
	a := &asyncCall[A, R]{pool: p, fn: fn, callback: callback}
	a.args[0] = arg
	if err := preflight(p, fn, a.args[:], alone("arg")); err != nil {
		return nil, opErr(fmt.Sprintf("apply %s", fn.Name()), err)
	}
	a.r.done = make(chan struct{})
	a.call = poolCall{fn: fn.Name(), decodeResults: fn.decodeResults, to: a}
	a.chunk = chunk{call: &a.call, args: a.args[:]}
	a.chunks[0] = &a.chunk
	a.call.chunks = a.chunks[:]
	a.ctx = ctx
	if err := ctx.Err(); err != nil {
		// Ended already: the task never starts (sent first, it could reach an
		// idle worker before the cancellation did).
		var zero R
		a.complete(zero, opErr(fmt.Sprintf("apply %s", fn.Name()), err))
		return &a.r, nil
	}
	if err := p.submit(&a.call); err != nil {
		return nil, opErr(fmt.Sprintf("apply %s", fn.Name()), err)
	}
	a.r.watch(ctx, a.cancel)
	return &a.r, nil
}

// asyncCall is one ApplyAsync: its result, its call to the pool and the
// argument, in one allocation.
type asyncCall[A, R any] struct {
	r        AsyncResult[R]
	pool     *Pool
	fn       *Func[A, R]
	callback func(R, error)
	ctx      context.Context
	call     poolCall
	chunk    chunk
	chunks   [1]*chunk
	args     [1]A
}

func (a *asyncCall[A, R]) deliver(_ *chunk, results any, err error) {
	var v R
	if err == nil {
		items, _ := results.([]item[R])
		switch {
		case len(items) != 1:
			err = fmt.Errorf("processes: apply %s: a worker sent %d results for one task", a.fn.Name(), len(items))
		case items[0].Err != nil:
			err = items[0].Err.toError("pool", a.fn.Name())
		default:
			v = items[0].Value
		}
	}
	a.complete(v, err)
}

// cancel drops the task once its context has ended: the result is ctx's
// error if the task never ran (or was killed when its grace ended), or
// what the function returned once it saw its context end.
func (a *asyncCall[A, R]) cancel() {
	err := opErr(fmt.Sprintf("apply %s", a.fn.Name()), a.ctx.Err())
	if !a.pool.send(cancelEvent{&a.call, err, nil}) {
		var zero R
		a.complete(zero, err) // the pool has finished
	}
}

func (a *asyncCall[A, R]) complete(v R, err error) {
	switch {
	case !a.r.complete(v, err):
	case a.callback == nil:
		a.r.ready()
	default:
		a.pool.cbs.add(a)
	}
}

// callbackNow calls the callback with the result, on the pool's callback
// goroutine, then lets Get return.
func (a *asyncCall[A, R]) callbackNow() {
	defer a.r.ready()
	a.callback(a.r.value, a.r.err)
}

// Get waits for the task and returns its result (Python's get(timeout):
// give ctx a deadline). The task goes on if ctx ends first.
func (r *AsyncResult[R]) Get(ctx context.Context) (R, error) {
	select {
	case <-r.done:
		return r.value, r.err
	case <-ctx.Done():
		var zero R
		return zero, opErr("get async result", ctx.Err())
	}
}

// Done is closed when the task has finished: Python's ready() is a receive
// from it in a select with a default.
func (r *AsyncResult[R]) Done() <-chan struct{} { return r.done }

// callbacks runs functions one at a time, in order, on one goroutine; add
// never blocks, so the dispatcher can queue callbacks while one runs (even
// one that terminates the pool).
type callbacks struct {
	mu     sync.Mutex
	queue  []callback
	closed bool
	ended  bool          // run has returned
	wake   chan struct{} // has a value when there is news
	late   sync.Mutex    // one at a time, the callbacks that came after run ended
}

func newCallbacks() *callbacks { return &callbacks{wake: make(chan struct{}, 1)} }

// callback is a finished task whose callback is due: an interface rather
// than a func, so that queueing one costs no allocation.
type callback interface{ callbackNow() }

func (c *callbacks) add(f callback) {
	c.mu.Lock()
	if c.ended {
		// Not reached while the dispatcher completes every task before it
		// closes the runner; if it were, the task's Get must still return.
		c.mu.Unlock()
		c.late.Lock()
		defer c.late.Unlock()
		f.callbackNow()
		return
	}
	c.queue = append(c.queue, f)
	c.mu.Unlock()
	c.poke()
}

// close lets run return once the queue is empty.
func (c *callbacks) close() {
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.poke()
}

func (c *callbacks) poke() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *callbacks) run() {
	for {
		c.mu.Lock()
		if len(c.queue) == 0 {
			closed := c.closed
			c.ended = closed
			c.mu.Unlock()
			if closed {
				return
			}
			<-c.wake
			continue
		}
		f := c.queue[0]
		c.queue[0] = nil
		c.queue = c.queue[1:]
		c.mu.Unlock()
		f.callbackNow()
	}
}
