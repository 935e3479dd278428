package processes

import (
	"context"
	"fmt"
)

// MapOption configures a Map call.
type MapOption func(*mapOptions)

type mapOptions struct {
	chunkSize int
	err       error
}

// WithChunkSize sends tasks to the workers n at a time. Tiny tasks cost
// less in chunks: one message, one encoding, for n arguments. The default
// is Python's: len(args) / (4 × workers), rounded up.
func WithChunkSize(n int) MapOption {
	return func(o *mapOptions) {
		if n < 1 {
			o.err = fmt.Errorf("WithChunkSize(%d): a chunk holds at least 1 task (leave the option out for the default)", n)
		}
		o.chunkSize = n
	}
}

// TaskError is a task of a Map that failed: its position in the arguments
// and why. Map's error holds one for each failed task (errors.As finds the
// first; see Map).
type TaskError struct {
	Index int
	Err   error
}

func (e *TaskError) Error() string { return fmt.Sprintf("task %d: %v", e.Index, e.Err) }

// Unwrap returns the task's error.
func (e *TaskError) Unwrap() error { return e.Err }

// mapError is Map's error when tasks failed: it reads as the first of
// them, and unwraps to all.
type mapError struct {
	fn    string
	n     int
	tasks []error // *TaskError, by position
}

func (e *mapError) Error() string {
	s := fmt.Sprintf("processes: map %s: %v", e.fn, e.tasks[0])
	if more := len(e.tasks) - 1; more > 0 {
		s += fmt.Sprintf(" (and %d more of the %d tasks failed)", more, e.n)
	}
	return s
}

func (e *mapError) Unwrap() []error { return e.tasks }

// Map runs fn on every argument in the pool's worker processes and returns
// the results in the order of args: Python's Pool.map. Over a slice of
// Pairs, with a function made by Register2, it is Python's Pool.starmap.
//
// If tasks fail, Map still runs them all and returns the results it has,
// with an error that reads as the first failed task and holds a
// *TaskError for each (range over errors.Unwrap's []error to see them
// all). A task's error or panic fails that task only; a worker that dies
// fails the whole chunk it was running (use WithChunkSize(1) where tasks
// may crash their process). Arguments that cannot be encoded are refused
// before any is sent. If ctx ends first, the tasks not yet started are
// dropped, the running ones are asked to stop (see WithGrace), and Map
// returns ctx's error.
func Map[A, R any](ctx context.Context, p *Pool, fn *Func[A, R], args []A, opts ...MapOption) ([]R, error) {
	if err := preflight(p, fn, args, indexed("args")); err != nil {
		return nil, opErr(fmt.Sprintf("map %s", fn.Name()), err)
	}
	o := mapOptions{}
	for _, opt := range opts {
		opt(&o)
	}
	if o.err != nil {
		return nil, opErr(fmt.Sprintf("map %s", fn.Name()), o.err)
	}
	size := o.chunkSize
	if size < 1 {
		size = max(1, (len(args)+4*p.size-1)/(4*p.size))
	}
	call := &poolCall{fn: fn.Name(), decodeResults: fn.decodeResults}
	for start := 0; start < len(args); start += size {
		call.chunks = append(call.chunks, &chunk{call: call, index: len(call.chunks), args: args[start:min(start+size, len(args))]})
	}
	arrived := make(mapReceiver, len(call.chunks)) // the dispatcher never waits on us
	call.to = arrived
	if len(call.chunks) == 0 {
		return []R{}, nil
	}
	if err := ctx.Err(); err != nil { // ended already: start none of the tasks
		return nil, opErr(fmt.Sprintf("map %s", fn.Name()), err)
	}
	if err := p.submit(call); err != nil {
		return nil, opErr(fmt.Sprintf("map %s", fn.Name()), err)
	}

	results := make([]R, len(args))
	errs := make([]error, len(args))
	for range call.chunks {
		var got outcome
		select {
		case got = <-arrived:
		case <-ctx.Done():
			// Once the dispatcher has taken this, it sends none of our
			// arguments any more: the caller may reuse args.
			err := opErr(fmt.Sprintf("map %s", fn.Name()), ctx.Err())
			ev := cancelEvent{call, err, make(chan struct{})}
			if p.send(ev) {
				<-ev.handled
			}
			return nil, err
		}
		first := got.c.index * size
		n := min(size, len(args)-first)
		items, _ := got.results.([]item[R])
		if got.err == nil && len(items) != n {
			got.err = fmt.Errorf("a worker sent %d results for %d tasks", len(items), n)
		}
		if got.err != nil {
			if n > 1 { // a chunk fails as a whole, say which tasks went with it
				got.err = fmt.Errorf("tasks %d to %d were sent to the worker together (chunk size %d) and failed together: %w",
					first, first+n-1, size, got.err)
			}
			for i := range n {
				errs[first+i] = got.err
			}
			continue
		}
		for i, it := range items {
			results[first+i] = it.Value
			if it.Err != nil {
				errs[first+i] = it.Err.toError("pool", fn.Name())
			}
		}
	}
	var failed []error
	for i, err := range errs {
		if err != nil {
			failed = append(failed, &TaskError{Index: i, Err: err})
		}
	}
	if failed != nil {
		return results, &mapError{fn: fn.Name(), n: len(args), tasks: failed}
	}
	return results, nil
}

// outcome is a chunk's results, or its error.
type outcome struct {
	c       *chunk
	results any
	err     error
}

// mapReceiver takes a Map's chunks as they finish; it has room for all.
type mapReceiver chan outcome

func (r mapReceiver) deliver(c *chunk, results any, err error) { r <- outcome{c, results, err} }

// decodeItems reads a chunk of results of type R off a worker's stream.
func decodeItems[R any](c *conn) (any, error) {
	var items []item[R]
	err := c.decodeValue(&items)
	return items, err
}
