package processes

import (
	"context"
	"fmt"
)

// MapOption configures a Map or Starmap call.
type MapOption func(*mapOptions)

type mapOptions struct{ chunkSize int }

// WithChunkSize sends tasks to the workers n at a time. Tiny tasks cost
// less in chunks: one message, one encoding, for n arguments. The default
// is Python's: len(args) / (4 × workers), rounded up.
func WithChunkSize(n int) MapOption { return func(o *mapOptions) { o.chunkSize = n } }

// Map runs fn on every argument in the pool's worker processes and returns
// the results in the order of args: Python's Pool.map. If tasks fail, Map
// still runs them all and returns the results it has with the error of the
// first failed task (by position). A task's error or panic fails that task
// only; a worker that dies fails the whole chunk it was running (use
// WithChunkSize(1) where tasks may crash their process). If ctx ends first, the tasks not yet
// started are dropped, the running ones are asked to stop, and Map returns
// ctx's error.
func Map[A, R any](ctx context.Context, p *Pool, fn *Func[A, R], args []A, opts ...MapOption) ([]R, error) {
	if err := fn.check(); err != nil {
		return nil, fmt.Errorf("map %s: %w", fn.Name(), err)
	}
	o := mapOptions{}
	for _, opt := range opts {
		opt(&o)
	}
	size := o.chunkSize
	if size < 1 {
		size = max(1, (len(args)+4*p.size-1)/(4*p.size))
	}
	if fn.types().checkArgs {
		if err := checkEncodable(args); err != nil {
			return nil, fmt.Errorf("map %s: encode the arguments (they cross to the workers encoded with encoding/gob: "+
				"use plain data, with no funcs, channels or unexported fields): %w", fn.Name(), err)
		}
	}
	call := &poolCall{fn: fn.Name(), decodeResults: decodeItems[R]}
	for start := 0; start < len(args); start += size {
		call.chunks = append(call.chunks, &chunk{call: call, index: len(call.chunks), args: args[start:min(start+size, len(args))]})
	}
	type outcome struct {
		c       *chunk
		results any
		err     error
	}
	arrived := make(chan outcome, len(call.chunks)) // the dispatcher never waits on us
	call.deliver = func(c *chunk, results any, err error) { arrived <- outcome{c, results, err} }
	if len(call.chunks) == 0 {
		return []R{}, nil
	}
	if err := p.submit(call); err != nil {
		return nil, fmt.Errorf("map %s: %w", fn.Name(), err)
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
			p.send(cancelEvent{call})
			return nil, fmt.Errorf("map %s: %w", fn.Name(), ctx.Err())
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
	for i, err := range errs {
		if err != nil {
			return results, fmt.Errorf("map %s: task %d: %w", fn.Name(), i, err)
		}
	}
	return results, nil
}

// Starmap runs a function registered with Register2 on every pair of
// arguments: Python's Pool.starmap, whose argument tuples are Go's Pairs.
func Starmap[A, B, R any](ctx context.Context, p *Pool, fn *Func[Pair[A, B], R], args []Pair[A, B], opts ...MapOption) ([]R, error) {
	return Map(ctx, p, fn, args, opts...)
}

// decodeItems reads a chunk of results of type R off a worker's stream.
func decodeItems[R any](c *conn) (any, error) {
	var items []item[R]
	err := c.decodeValue(&items)
	return items, err
}
