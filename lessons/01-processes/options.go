package processes

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Option configures a Process or a Pool.
type Option func(*options)

type options struct {
	name     string
	stdout   io.Writer
	stderr   io.Writer
	grace    time.Duration
	init     *initCall // a pool's initializer
	maxTasks int       // tasks a pool worker runs before it is replaced; 0: no limit
	// stopOnDeath: a pool stops when one of its workers dies.
	stopOnDeath bool
	err         error // an option that was given a bad value
}

// initCall is a registered function and its argument, to run once in each
// new worker.
type initCall struct {
	fn   string
	args any // a []A of one
}

// WithName names a Process (default "Process-N").
func WithName(name string) Option { return func(o *options) { o.name = name } }

// WithStdout sends the child's standard output to w instead of this
// program's standard output.
func WithStdout(w io.Writer) Option { return func(o *options) { o.stdout = w } }

// WithStderr sends the child's standard error to w instead of this
// program's standard error. The parent keeps the end of it either way, for
// the ExitError of a child that crashes.
func WithStderr(w io.Writer) Option { return func(o *options) { o.stderr = w } }

// WithGrace sets how long a child whose context is cancelled may take to
// return before it is killed (default 2 s). In a pool, the worker of a task
// that outlives its grace is killed and replaced, so that a task that
// ignores cancellation cannot hold a worker.
func WithGrace(d time.Duration) Option {
	return func(o *options) {
		if d < 0 {
			o.err = fmt.Errorf("WithGrace(%v): a grace period cannot be negative (0 kills at once)", d)
		}
		o.grace = d
	}
}

// WithInitializer makes each worker of a pool run fn(arg) once, as it
// starts and before its first task: Python's Pool(initializer, initargs).
// A worker whose initializer fails runs no task. NewPool then fails; a
// worker started later to replace one (after a crash, or WithMaxTasksPerWorker)
// whose initializer fails is not replaced again, and once no worker is left
// the pool's tasks fail with the initializer's error.
func WithInitializer[A, R any](fn *Func[A, R], arg A) Option {
	return func(o *options) {
		args := []A{arg}
		if err := fn.prepare(args, alone("initarg")); err != nil {
			o.err = fmt.Errorf("initializer %s: %w", fn.Name(), err)
			return
		}
		o.init = &initCall{fn: fn.Name(), args: args}
	}
}

// WithMaxTasksPerWorker makes a pool replace each worker after it has run n
// tasks (n chunks, for Map in chunks): Python's maxtasksperchild, for work
// that leaks memory or other resources a process only gives back when it
// exits.
func WithMaxTasksPerWorker(n int) Option {
	return func(o *options) {
		if n < 1 {
			o.err = fmt.Errorf("WithMaxTasksPerWorker(%d): a worker must be allowed at least 1 task", n)
		}
		o.maxTasks = n
	}
}

// StopOnWorkerDeath makes a pool stop the moment one of its workers dies
// running a task, instead of replacing it: the task fails with a
// *WorkerDiedError, every other task not finished fails with
// ErrPoolTerminated (none starts in another worker), and the other workers
// are killed. It is what a ProcessPoolExecutor that breaks needs (lesson
// 03); a worker killed by the pool itself (WithGrace) does not stop it.
func StopOnWorkerDeath() Option { return func(o *options) { o.stopOnDeath = true } }

func buildOptions(opts []Option) options {
	o := options{stdout: os.Stdout, stderr: os.Stderr, grace: 2 * time.Second}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}
