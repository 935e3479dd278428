package processes

import (
	"fmt"
	"io"
	"os"
	"strings"
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
	env      []string  // KEY=value pairs added to the child's environment
	dir      string    // the child's working directory; "": the parent's
	memLimit int64     // the child's memory limit in bytes; 0: none
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

// WithEnv adds KEY=value pairs to the child's environment, after this
// program's own, so that they win over it: WithEnv("GOMAXPROCS=1") makes
// the child's Go runtime use one thread for Go code (it reads GOMAXPROCS,
// GOMEMLIMIT and GOGC as it starts). Several processes of a program share
// nothing but what they are given: this is how each gets its own settings.
// Keys starting with PROCESSES_ are this package's own and are refused.
func WithEnv(kv ...string) Option {
	return func(o *options) {
		for _, pair := range kv {
			key, _, ok := strings.Cut(pair, "=")
			switch {
			case !ok || key == "":
				o.err = fmt.Errorf("WithEnv(%q): an environment entry is KEY=value", pair)
				return
			case strings.HasPrefix(key, envPrefix):
				o.err = fmt.Errorf("WithEnv(%q): variables starting with %s are this package's own (they tell a child what it is)", pair, envPrefix)
				return
			}
		}
		o.env = append(o.env, kv...)
	}
}

// WithDir starts the child in dir, which must exist, instead of this
// program's working directory: os/exec's Cmd.Dir. The working directory
// belongs to a process, and all its goroutines share it; a child of its
// own is how a task gets its own.
func WithDir(dir string) Option {
	return func(o *options) {
		if dir == "" {
			o.err = fmt.Errorf("WithDir(%q): give a directory (leave the option out for this program's)", dir)
		}
		o.dir = dir
	}
}

// WithMemoryLimit limits the child's memory to about bytes, twice, as the
// child starts, before it runs anything:
//
//   - softly, with the Go runtime's memory limit (debug.SetMemoryLimit,
//     what GOMEMLIMIT sets): near it, the garbage collector runs more
//     often, to keep the child under it;
//   - hard, on Linux, with the kernel's limit on the child's data memory
//     (RLIMIT_DATA) set to what the child had mapped at that moment plus
//     bytes: past it, the kernel refuses the child more memory, and the
//     Go runtime ends the child with "fatal error: out of memory". The
//     parent's ExitError then says so (OutOfMemory). RLIMIT_AS, the limit
//     on address space, would stop a Go program long before its heap is
//     that big: the runtime reserves address space it does not use.
//
// On other systems only the soft limit is set. The limit belongs to the
// child: the parent and the other children are not touched, and the
// child's own children inherit the hard one, as with any process.
func WithMemoryLimit(bytes int64) Option {
	return func(o *options) {
		if bytes <= 0 {
			o.err = fmt.Errorf("WithMemoryLimit(%d): a limit must be positive (leave the option out for none)", bytes)
		}
		o.memLimit = bytes
	}
}

func buildOptions(opts []Option) options {
	o := options{stdout: os.Stdout, stderr: os.Stderr, grace: 2 * time.Second}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}
