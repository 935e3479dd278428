package processes

import (
	"context"
	"fmt"
	"sync"
)

// AsyncResult is a task running in a pool: Python's AsyncResult.
type AsyncResult[R any] struct {
	done  chan struct{}
	value R
	err   error
}

// ApplyAsync runs fn(arg) in one of the pool's workers and returns at
// once: Python's Pool.apply_async. When the task finishes, callback (if not
// nil) is called with its result or error. Callbacks run one at a time, in
// the order tasks finish, on a goroutine of the pool's: keep them short, and
// do not call Join from one (Terminate is fine).
func ApplyAsync[A, R any](p *Pool, fn *Func[A, R], arg A, callback func(R, error)) (*AsyncResult[R], error) {
	if err := fn.check(); err != nil {
		return nil, fmt.Errorf("apply %s: %w", fn.Name(), err)
	}
	args := []A{arg}
	if fn.types().checkArgs {
		if err := checkEncodable(args); err != nil {
			return nil, fmt.Errorf("apply %s: encode the argument (it crosses to the worker encoded with encoding/gob: "+
				"use plain data, with no funcs, channels or unexported fields): %w", fn.Name(), err)
		}
	}
	r := &AsyncResult[R]{done: make(chan struct{})}
	call := &poolCall{fn: fn.Name(), decodeResults: decodeItems[R]}
	call.chunks = []*chunk{{call: call, args: args}}
	call.deliver = func(_ *chunk, results any, err error) {
		r.err = err
		if err == nil {
			items, _ := results.([]item[R])
			if len(items) != 1 {
				r.err = fmt.Errorf("apply %s: a worker sent %d results for one task", fn.Name(), len(items))
			} else if items[0].Err != nil {
				r.err = items[0].Err.toError("pool", fn.Name())
			} else {
				r.value = items[0].Value
			}
		}
		close(r.done)
		if callback != nil {
			p.cbs.add(func() { callback(r.value, r.err) })
		}
	}
	if err := p.submit(call); err != nil {
		return nil, fmt.Errorf("apply %s: %w", fn.Name(), err)
	}
	return r, nil
}

// Get waits for the task and returns its result (Python's get(timeout):
// give ctx a deadline).
func (r *AsyncResult[R]) Get(ctx context.Context) (R, error) {
	select {
	case <-r.done:
		return r.value, r.err
	case <-ctx.Done():
		var zero R
		return zero, fmt.Errorf("get async result: %w", ctx.Err())
	}
}

// Ready reports whether the task has finished.
func (r *AsyncResult[R]) Ready() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// Done is closed when the task has finished.
func (r *AsyncResult[R]) Done() <-chan struct{} { return r.done }

// callbacks runs functions one at a time, in order, on one goroutine; add
// never blocks, so the dispatcher can queue callbacks while one runs (even
// one that terminates the pool).
type callbacks struct {
	mu     sync.Mutex
	queue  []func()
	closed bool
	wake   chan struct{} // has a value when there is news
}

func newCallbacks() *callbacks { return &callbacks{wake: make(chan struct{}, 1)} }

func (c *callbacks) add(f func()) {
	c.mu.Lock()
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
			c.mu.Unlock()
			if closed {
				return
			}
			<-c.wake
			continue
		}
		f := c.queue[0]
		c.queue = c.queue[1:]
		c.mu.Unlock()
		f()
	}
}
