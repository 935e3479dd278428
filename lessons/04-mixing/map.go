package mixing

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Map runs fn on every item and returns the results in the order of
// items. The items are split into procs contiguous batches (sizes that
// differ by one at most: 5 items on 2 processes are 3 and 2), each batch
// runs in a child process of its own, all at once, and inside each child
// goroutines goroutines take the batch's items in turn: procs × goroutines
// items run at once. With more processes than items, each item gets a
// process and no child is started with nothing to do.
//
// Each child gets GOMAXPROCS set to its share of this program's
// GOMAXPROCS (at least 1), so that the children's threads for Go code
// add up to the CPUs rather than procs times them; opts, lesson 01's
// per-child options, come after, so processes.WithEnv("GOMAXPROCS=...")
// sets it otherwise, and processes.WithMemoryLimit limits each child.
//
// Every item's outcome travels to the parent as soon as it is done. An
// item whose function returns an error or panics fails alone; a child that
// dies (a crash, a signal, its memory limit) fails the items it had not
// finished, and the other children go on. Map then returns every result
// it has, with an error that reads as the first failed item and holds an
// *ItemError for each (range over errors.Unwrap's []error to see them
// all). If ctx ends, the children's contexts are cancelled, the items not
// yet started fail with ctx's error, and a child that does not return
// within lesson 01's grace period is killed; Map returns once every child
// has exited.
func Map[A, R any](ctx context.Context, fn *Func[A, R], items []A, procs, goroutines int, opts ...processes.Option) ([]R, error) {
	name := fn.Name()
	switch {
	case fn == nil || fn.batch == nil:
		return nil, opError(name, errors.New("this Func was not made by mixing.Register: register the function at package level"))
	case procs < 1:
		return nil, opError(name, fmt.Errorf("%d processes: give at least 1 (processes.CPUCount() is %d here)", procs, processes.CPUCount()))
	case goroutines < 1:
		return nil, opError(name, fmt.Errorf("%d goroutines per process: give at least 1 (for I/O-bound items, as many as may wait at once)", goroutines))
	case len(items) == 0:
		return []R{}, nil
	}
	if err := fn.batch.Sendable(batch[A, R]{Items: items}); err != nil {
		return nil, opError(name, err)
	}
	spans := split(len(items), procs)
	cores := shares(runtime.GOMAXPROCS(0), len(spans))
	results := processes.NewQueue[outcome[R]](0)
	defer results.Close()

	children := make([]*processes.Process[int], len(spans))
	startErrs := make([]error, len(spans))
	for i, s := range spans {
		b := batch[A, R]{First: s.first, Items: items[s.first : s.first+s.n], Goroutines: goroutines, Results: results}
		childOpts := append([]processes.Option{processes.WithEnv("GOMAXPROCS=" + strconv.Itoa(cores[i]))}, opts...)
		children[i] = processes.New(fn.batch, b, childOpts...)
		if startErrs[i] = children[i].Start(ctx); startErrs[i] != nil && i == 0 {
			return nil, opError(name, startErrs[i]) // nothing started: a bad option, an argument that cannot cross
		}
	}
	ended := make([]error, len(spans))
	for i, c := range children {
		if startErrs[i] == nil {
			// Not ctx: the child's life is bounded by the ctx it was started
			// with, and it must be waited for whatever happens.
			_, ended[i] = c.Wait(context.Background())
		}
	}

	out := make([]R, len(items))
	errs := make([]error, len(items))
	done := make([]bool, len(items))
	owner := make([]int, len(items)) // which child had each item
	for i, s := range spans {
		for j := s.first; j < s.first+s.n; j++ {
			owner[j] = i
		}
	}
	for {
		o, err := results.TryGet()
		if err != nil {
			break // empty: every child has exited, and every outcome it sent is here
		}
		if o.Index < 0 || o.Index >= len(items) || done[o.Index] {
			continue
		}
		c := children[owner[o.Index]]
		done[o.Index] = true
		out[o.Index] = o.Value
		if err := o.toError(c.Name(), name); err != nil {
			errs[o.Index] = &ItemError{Index: o.Index, Process: c.Name(), PID: c.PID(), Goroutine: o.Goroutine, Err: err}
		}
	}
	var failed []error
	for i := range items {
		if !done[i] {
			c := children[owner[i]]
			why := cmp.Or(startErrs[owner[i]], ended[owner[i]], ctx.Err(),
				errors.New("its outcome never reached the parent, and its child exited cleanly"))
			errs[i] = &ItemError{Index: i, Process: c.Name(), PID: c.PID(), Goroutine: -1, Err: why}
		}
		if errs[i] != nil {
			failed = append(failed, errs[i])
		}
	}
	if failed != nil {
		return out, &mapError{fn: name, n: len(items), items: failed}
	}
	return out, nil
}
