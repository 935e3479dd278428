package futures

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// MapOption configures Map.
type MapOption func(*mapOptions)

type mapOptions struct {
	chunk  int
	buffer int
	err    error
}

// WithChunkSize sends Map's arguments to the executor n at a time, as one
// task: Python's chunksize. On a ProcessPool a chunk is one message to a
// worker process, so tiny tasks cost far less in chunks; on a ThreadPool a
// chunk's arguments only run one after the other (Python ignores chunksize
// there; a submit costs a fraction of a microsecond anyway). The default
// is 1.
func WithChunkSize(n int) MapOption {
	return func(o *mapOptions) {
		if n < 1 {
			o.err = fmt.Errorf("WithChunkSize(%d): a chunk holds at least 1 argument", n)
		}
		o.chunk = n
	}
}

// WithBuffer lets Map run at most n tasks (chunks) ahead of the loop that
// takes its results: Python 3.14's buffersize. Memory stays flat however
// long the input is. The default is 2 per worker of the executor.
func WithBuffer(n int) MapOption {
	return func(o *mapOptions) {
		if n < 1 {
			o.err = fmt.Errorf("WithBuffer(%d): a buffer holds at least 1 task", n)
		}
		o.buffer = n
	}
}

// Map runs fn on every argument of args on ex and yields the results in
// the order of args: Python's executor.map(fn, iterable). Over Zip(xs, ys)
// and a function made by processes.Register2, it is executor.map(fn, xs,
// ys).
//
// Map is lazy: nothing runs until the loop starts, it reads args only as it
// needs them, and it keeps at most WithBuffer tasks running or waiting
// ahead of the loop. Each element comes with its own error: a task that
// failed yields its error in its place, and the loop decides whether to go
// on. Breaking out of the loop cancels the tasks not started and stops the
// running ones (their context is cancelled). If ctx ends (a deadline is
// Python's timeout), Map yields one error, saying how many results came,
// cancels the rest and stops.
func Map[A, R any](ctx context.Context, ex Executor, fn *processes.Func[A, R], args iter.Seq[A], opts ...MapOption) iter.Seq2[R, error] {
	return func(yield func(R, error) bool) {
		var zero R
		o := mapOptions{chunk: 1}
		for _, opt := range opts {
			opt(&o)
		}
		if o.err == nil {
			o.err = usable(ex, fn)
		}
		if o.err == nil && args == nil {
			o.err = errors.New("the arguments are nil: give an iterator, such as slices.Values(xs)")
		}
		if o.err != nil {
			yield(zero, opErr("map", o.err))
			return
		}
		if o.buffer == 0 {
			o.buffer = 2 * max(1, ex.Workers())
		}
		ctx, cancel := context.WithCancel(ctx)
		defer cancel() // stops what still runs when the loop ends
		next, stop := iter.Pull(args)
		defer stop()

		var window []*chunkJob[A, R] // submitted, oldest first
		defer func() {
			for _, c := range window {
				c.c.cancel() // those not started never will
			}
		}()
		delivered, more := 0, true
		for {
			for more && len(window) < o.buffer {
				c := newChunk(ctx, fn, o.chunk)
				for len(c.args) < o.chunk {
					a, ok := next()
					if !ok {
						more = false
						break
					}
					c.args = append(c.args, a)
				}
				if len(c.args) == 0 {
					break
				}
				c.prepare()
				if err := ex.Execute(&c.task); err != nil {
					err = opErr("map "+fn.Name(), err)
					if errors.Is(err, ErrShutdown) || errors.Is(err, ErrBroken) {
						yield(zero, err)
						return
					}
					c.fail(err)
				}
				window = append(window, c)
			}
			if len(window) == 0 {
				return
			}
			head := window[0]
			err := head.c.wait(ctx)
			if err == nil {
				err = ctx.Err() // the head may have ended because ctx did
			}
			if err != nil {
				yield(zero, fmt.Errorf("futures: map %s: %w (%d results came; the tasks not finished are cancelled)", fn.Name(), err, delivered))
				return
			}
			window = window[1:]
			for i := range head.args {
				if !yield(head.values[i], head.errs[i]) {
					return
				}
				delivered++
			}
		}
	}
}

// Zip pairs xs and ys, as Python's zip(xs, ys) does, stopping at the end
// of the shorter: Map over Zip, with a function made by
// processes.Register2, is Python's executor.map(fn, xs, ys).
func Zip[A, B any](xs []A, ys []B) iter.Seq[processes.Pair[A, B]] {
	return func(yield func(processes.Pair[A, B]) bool) {
		for i := range min(len(xs), len(ys)) {
			if !yield(processes.Pair[A, B]{First: xs[i], Second: ys[i]}) {
				return
			}
		}
	}
}

// chunkJob is one task of a Map: a chunk of arguments and their results.
// A chunk of one keeps them inline: one allocation for the whole task.
type chunkJob[A, R any] struct {
	c      core
	task   Task
	fn     *processes.Func[A, R]
	args   []A
	values []R
	errs   []error

	oneArg   [1]A
	oneValue [1]R
	oneErr   [1]error
}

func newChunk[A, R any](ctx context.Context, fn *processes.Func[A, R], size int) *chunkJob[A, R] {
	c := &chunkJob[A, R]{fn: fn}
	if size == 1 {
		c.args = c.oneArg[:0]
	} else {
		c.args = make([]A, 0, size)
	}
	c.task = Task{job: c, ctx: taskContext{c: &c.c, parent: ctx}}
	return c
}

// prepare makes room for the results once the arguments are in.
func (c *chunkJob[A, R]) prepare() {
	if len(c.args) == 1 {
		c.values, c.errs = c.oneValue[:], c.oneErr[:]
	} else {
		c.values, c.errs = make([]R, len(c.args)), make([]error, len(c.args))
	}
}

func (c *chunkJob[A, R]) runHere(ctx context.Context, returned func()) {
	for i, a := range c.args {
		c.values[i], c.errs[i] = callHere(ctx, c.fn, a)
	}
	if returned != nil {
		returned()
	}
	c.c.finish(nil, nil)
}

func (c *chunkJob[A, R]) runOnPool(ctx context.Context, p *processes.Pool, bg *sync.WaitGroup, settle func(error) error) {
	if len(c.args) == 1 { // no goroutine needed
		_, err := processes.ApplyAsync(ctx, p, c.fn, c.args[0], func(v R, err error) {
			err = settle(err)
			c.c.finish(nil, func() { c.values[0], c.errs[0] = v, err })
		})
		if err != nil {
			err = settle(err)
			c.c.finish(nil, func() { c.errs[0] = err })
		}
		return
	}
	bg.Go(func() {
		values, err := processes.Map(ctx, p, c.fn, c.args, processes.WithChunkSize(len(c.args)))
		errs := make([]error, len(c.args))
		var each interface{ Unwrap() []error }
		if errors.As(err, &each) {
			for _, e := range each.Unwrap() {
				var te *processes.TaskError
				if errors.As(e, &te) && te.Index < len(errs) {
					errs[te.Index] = te.Err
				}
			}
		} else if err != nil {
			for i := range errs {
				errs[i] = err
			}
		}
		var fatal error // a worker's death fails the whole chunk alike
		for _, e := range errs {
			if e != nil {
				fatal = e
				break
			}
		}
		final := settle(fatal)
		if final != fatal {
			for i := range errs {
				errs[i] = final
			}
		}
		c.set(values, errs)
	})
}

// set stores the chunk's results and errors and finishes its future.
func (c *chunkJob[A, R]) set(values []R, errs []error) {
	c.c.finish(nil, func() {
		copy(c.values, values)
		copy(c.errs, errs)
	})
}

func (c *chunkJob[A, R]) fail(err error) {
	c.c.finish(nil, func() {
		for i := range c.errs {
			c.errs[i] = err
		}
	})
}

func (c *chunkJob[A, R]) sendable() error { return c.fn.Sendable(c.args...) }

func (c *chunkJob[A, R]) name() string { return c.fn.Name() }

func (c *chunkJob[A, R]) len() int { return len(c.args) }
