package futures

import (
	"context"
	"sync"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Task is one piece of work for an Executor: a registered function, its
// arguments (one, from Submit; a chunk of several, from Map), and the
// future its outcome goes to. Submit and Map make tasks; an executor's
// Execute takes them and runs each one once, in three steps: Start, then
// RunHere (or, for the process kind, its pool), or Fail if it cannot run.
type Task struct {
	job    job
	c      *core
	parent context.Context // the submitter's: the running task's context derives from it
	ctx    taskContext     // the running task's, once Start made it
}

// taskContext is a running task's context: a cancellable context derived
// from the submitter's, that also says which worker runs the task (for
// Current). It is the cancellable context in all but Value, so that
// contexts derived from it, and context.Cause, work as on any other; it
// lives in the Task, so that a task costs no allocation for it.
type taskContext struct {
	context.Context
	worker *Worker
}

func (c *taskContext) Value(key any) any {
	if _, ok := key.(workerKey); ok && c.worker != nil {
		return c.worker
	}
	return c.Context.Value(key)
}

// job is a task's typed work: what Submit or Map put in it.
type job interface {
	// runHere runs the function on each argument, in this process, and
	// finishes the future. A panic fails its argument's result only.
	// returned, if not nil, is called once the function has returned, just
	// before the future is finished.
	runHere(ctx context.Context, returned func())
	// runOnPool hands the arguments to one of lesson 01's pools, without
	// waiting (a goroutine it needs belongs to bg). When they are done, it
	// calls settle with the error that may break the executor, and
	// finishes the future with the error settle returns.
	runOnPool(ctx context.Context, p *processes.Pool, bg *sync.WaitGroup, settle func(error) error)
	// fail finishes the future with err: the task will not run.
	fail(err error)
	// sendable reports why the task cannot run in a worker process.
	sendable() error
	// name is the function's; len, how many arguments it runs on.
	name() string
	len() int
}

// Func is the name the task's function was registered under.
func (t *Task) Func() string { return t.job.name() }

// Len is how many arguments the task runs the function on.
func (t *Task) Len() int { return t.job.len() }

// Start moves the task's future from pending to running (Python's
// set_running_or_notify_cancel) and returns the context to run it with:
// the submitter's, cancelled too by Stop, and naming worker for Current.
// It returns ok false if the future was cancelled: the task must not run.
func (t *Task) Start(worker *Worker) (ctx context.Context, ok bool) {
	ctx, cancel := context.WithCancelCause(t.parent)
	if !t.c.start(cancel) {
		cancel(nil)
		return nil, false
	}
	if worker == nil { // a worker process says who it is itself
		return ctx, true
	}
	t.ctx = taskContext{Context: ctx, worker: worker}
	return &t.ctx, true
}

// RunHere runs a started task in this process, on the calling goroutine,
// and finishes its future.
func (t *Task) RunHere(ctx context.Context) { t.job.runHere(ctx, nil) }

// Fail finishes the task's future with err, without running it.
func (t *Task) Fail(err error) { t.job.fail(err) }
