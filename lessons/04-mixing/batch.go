package mixing

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// batch is what a child process is started with: its items, how many
// goroutines may run them, and the queue (in the parent) that takes each
// item's outcome as soon as it is done.
type batch[A, R any] struct {
	First      int // the index of Items[0] in Map's items
	Items      []A
	Goroutines int
	Results    *processes.Queue[outcome[R]]
}

// outcome is one item's result, or why it has none, as it crosses back to
// the parent.
type outcome[R any] struct {
	Index     int // in Map's items
	Goroutine int
	Value     R
	Err       string // the error the function returned, or why it never ran
	Context   string // "canceled" or "deadline" when Err was the context's
	Panic     string // the panic's value, when it panicked
	Stack     string // and the goroutine's stack at the panic
}

// runBatch is what runs in the child: Goroutines goroutines (no more than
// there are items) take the items in turn, run the function on each, and
// send each outcome to the parent before they take the next, so that a
// child that dies loses only the items it had not finished. A panic is the
// item's outcome; the goroutine goes on with the next item. It returns how
// many outcomes reached the parent.
func (f *Func[A, R]) runBatch(ctx context.Context, b batch[A, R]) (int, error) {
	me := processes.Current()
	send := context.WithoutCancel(ctx) // an outcome is sent even once ctx has ended
	var (
		next, sent atomic.Int64
		wg         sync.WaitGroup
		mu         sync.Mutex
		lost       error // the first outcome that could not be sent
	)
	for g := range min(b.Goroutines, len(b.Items)) {
		wg.Go(func() {
			gctx := context.WithValue(ctx, workerKey{}, Worker{Process: me.Name, PID: me.PID, Goroutine: g})
			for {
				i := int(next.Add(1)) - 1
				if i >= len(b.Items) {
					return
				}
				o := f.call(gctx, b.Items[i])
				o.Index, o.Goroutine = b.First+i, g
				err := b.Results.Put(send, o)
				if err != nil && !errors.Is(err, processes.ErrQueueClosed) {
					// Most likely the result itself cannot cross (gob): the
					// item fails with that, and its batch goes on.
					err = b.Results.Put(send, outcome[R]{Index: o.Index, Goroutine: g,
						Err: fmt.Sprintf("%s returned a result that cannot cross back to the parent: %v", f.name, err)})
				}
				if err != nil {
					mu.Lock()
					lost = cmp.Or(lost, fmt.Errorf("send the outcome of item %d to the parent: %w", o.Index, err))
					mu.Unlock()
					continue
				}
				sent.Add(1)
			}
		})
	}
	wg.Wait()
	return int(sent.Load()), lost
}

// call runs the function on one item; a panic becomes its outcome. An item
// whose context has already ended is not run.
func (f *Func[A, R]) call(ctx context.Context, item A) (o outcome[R]) {
	defer func() {
		if v := recover(); v != nil {
			o = outcome[R]{Panic: fmt.Sprint(v), Stack: string(debug.Stack())}
		}
	}()
	if err := ctx.Err(); err != nil {
		return outcome[R]{Err: "not started: " + err.Error(), Context: contextKind(err)}
	}
	v, err := f.fn(ctx, item)
	if err != nil {
		return outcome[R]{Err: err.Error(), Context: contextKind(err)}
	}
	return outcome[R]{Value: v}
}

// contextKind names a context's error, so that errors.Is still finds it in
// the parent.
func contextKind(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline"
	}
	return ""
}
