package futures

import (
	"context"
	"fmt"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Option configures an executor.
type Option func(*options)

type options struct {
	init      *initializer
	prefix    string             // a ThreadPool's worker names
	maxTasks  int                // a ProcessPool worker's tasks before it is replaced
	replace   bool               // a ProcessPool that loses a worker goes on
	processes []processes.Option // passed to lesson 01's pool
	err       error              // an option given a bad value
	kind      string             // the executor being built, for errors
}

// initializer is a registered function and its argument, run once by each
// worker before its first task.
type initializer struct {
	name string
	here func(ctx context.Context) error // on a goroutine worker
	pool processes.Option                // in a worker process
}

// WithInitializer makes each worker run fn(arg) once, before its first
// task: Python's initializer and initargs. If it fails, the executor is
// broken: the tasks not started, and those submitted later, fail with
// ErrBroken and the initializer's error.
func WithInitializer[A, R any](fn *processes.Func[A, R], arg A) Option {
	return func(o *options) {
		if fn == nil {
			o.err = fmt.Errorf("WithInitializer: the function is nil")
			return
		}
		if o.kind == "ProcessPool" {
			if err := fn.Sendable(arg); err != nil {
				o.err = fmt.Errorf("WithInitializer: %w", err)
				return
			}
		}
		o.init = &initializer{
			name: fn.Name(),
			here: func(ctx context.Context) error {
				_, err := callHere(ctx, fn, arg)
				return err
			},
			pool: processes.WithInitializer(fn, arg),
		}
	}
}

// WithNamePrefix names a ThreadPool's workers prefix_0, prefix_1, ...:
// Python's thread_name_prefix. The default prefix is ThreadPool-N.
func WithNamePrefix(prefix string) Option { return func(o *options) { o.prefix = prefix } }

// WithMaxTasksPerWorker makes a ProcessPool replace each worker process
// after n tasks: Python's max_tasks_per_child. Its pid changes.
func WithMaxTasksPerWorker(n int) Option {
	return func(o *options) {
		if o.kind != "ProcessPool" {
			o.err = fmt.Errorf("WithMaxTasksPerWorker is for a ProcessPool: a goroutine has nothing to give back by exiting")
			return
		}
		if n < 1 {
			o.err = fmt.Errorf("WithMaxTasksPerWorker(%d): a worker must be allowed at least 1 task", n)
			return
		}
		o.maxTasks = n
	}
}

// ReplaceCrashedWorkers makes a ProcessPool go on when a worker process
// dies: the task it ran fails (a *processes.WorkerDiedError, naming the
// exit code or signal), a new worker takes its place, and the other tasks
// are not touched. Without it, a ProcessPool breaks as Python's does (see
// ProcessPool).
func ReplaceCrashedWorkers() Option {
	return func(o *options) {
		if o.kind != "ProcessPool" {
			o.err = fmt.Errorf("ReplaceCrashedWorkers is for a ProcessPool: a goroutine cannot crash alone")
			return
		}
		o.replace = true
	}
}

// WithProcessOptions passes options on to the ProcessPool's lesson 01
// pool: processes.WithStderr, processes.WithGrace, ...
func WithProcessOptions(opts ...processes.Option) Option {
	return func(o *options) {
		if o.kind != "ProcessPool" {
			o.err = fmt.Errorf("WithProcessOptions is for a ProcessPool")
			return
		}
		o.processes = append(o.processes, opts...)
	}
}

func buildOptions(kind string, opts []Option) (options, error) {
	o := options{kind: kind}
	for _, opt := range opts {
		opt(&o)
		if o.err != nil {
			return o, o.err
		}
	}
	return o, nil
}
