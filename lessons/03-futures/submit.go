package futures

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Submit schedules fn(arg) on ex and returns its future at once: Python's
// executor.submit(fn, arg). fn is a function registered with lesson 01's
// processes.Register, so that every kind of executor can run it: a
// goroutine calls it, a worker process finds it by name.
//
// ctx is the task's: its values reach the function, and when it ends, a
// task that has not started is cancelled and a running one is asked to
// stop, as Future.Stop does. A nil or unregistered function, an argument
// that cannot cross to a worker process (on the process kind), and an
// executor that was shut down or is broken are errors, and nothing runs.
func Submit[A, R any](ctx context.Context, ex Executor, fn *processes.Func[A, R], arg A) (*Future[R], error) {
	if err := usable(ex, fn); err != nil {
		return nil, opErr("submit", err)
	}
	s := &single[A, R]{fn: fn, arg: arg}
	s.task = Task{job: s, ctx: taskContext{c: &s.f.c, parent: ctx}}
	if err := ex.Execute(&s.task); err != nil {
		return nil, opErr("submit "+fn.Name(), err)
	}
	watch(ctx, &s.f.c)
	return &s.f, nil
}

// usable reports why ex cannot run fn at all.
func usable[A, R any](ex Executor, fn *processes.Func[A, R]) error {
	switch {
	case ex == nil:
		return errors.New("the executor is nil: make one with futures.NewThreadPool or futures.NewProcessPool")
	case fn == nil:
		return errors.New("the function is nil: register it with processes.Register in a package-level variable")
	}
	return nil
}

// watch cancels the task of future c if ctx ends before it has started. A
// running task needs nothing more: its context derives from ctx, so it is
// cancelled with ctx's own cause (which Stop, racing with that, would
// replace with ErrStopped).
func watch(ctx context.Context, c *core) {
	if ctx.Done() == nil || c.isDone() {
		return
	}
	stop := context.AfterFunc(ctx, func() { c.cancel() })
	c.listen(listener{callback: func() { stop() }})
}

// single is the work of one Submit: the function, its argument, and the
// future, in one allocation.
type single[A, R any] struct {
	f    Future[R]
	task Task
	fn   *processes.Func[A, R]
	arg  A
}

func (s *single[A, R]) runHere(ctx context.Context, returned func()) {
	v, err := callHere(ctx, s.fn, s.arg)
	if returned != nil {
		returned()
	}
	s.f.c.finish(err, func() { s.f.value = v })
}

func (s *single[A, R]) runOnPool(ctx context.Context, p *processes.Pool, _ *sync.WaitGroup, settle func(error) error) {
	_, err := processes.ApplyAsync(ctx, p, s.fn, s.arg, func(v R, err error) {
		err = settle(err)
		s.f.c.finish(err, func() { s.f.value = v })
	})
	if err != nil {
		s.f.c.finish(settle(err), nil)
	}
}

func (s *single[A, R]) fail(err error) { s.f.c.finish(err, nil) }

func (s *single[A, R]) sendable() error { return s.fn.Sendable(s.arg) }

func (s *single[A, R]) name() string { return s.fn.Name() }

func (s *single[A, R]) len() int { return 1 }

// callHere calls fn in this process, with a panic as its error.
func callHere[A, R any](ctx context.Context, fn *processes.Func[A, R], arg A) (v R, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &PanicError{Func: fn.Name(), Value: p, Stack: string(debug.Stack())}
		}
	}()
	return fn.Call(ctx, arg)
}

// PanicError is a function that panicked on a goroutine of a ThreadPool:
// the panic's value and the stack where it happened. (In a worker
// process, the panic comes back as lesson 01's *processes.PanicError.)
type PanicError struct {
	Func  string
	Value any
	Stack string
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("futures: %s panicked: %v\n\n%s", e.Func, e.Value, e.Stack)
}
