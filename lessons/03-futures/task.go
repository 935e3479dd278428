package futures

import (
	"context"
	"sync"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Task is one piece of work for an Executor: a registered function, its
// arguments (one, from Submit; a chunk of several, from Map), and the
// future its outcome goes to. Submit and Map make tasks; an executor's
// Execute takes them and runs each one once, in three steps: Start, then
// RunHere (or, for the process kind, its pool), or Fail if it cannot run.
type Task struct {
	job job
	ctx taskContext // the running task's context, and the future's core
}

// taskContext is a running task's context: it derives from the
// submitter's, is cancelled too by Stop and when the task ends, and says
// which worker runs the task (for Current). Most tasks never look at
// their context's Done, Err or Cause, so the cancellable context behind
// it is made only when one of those (or a Value other than the worker) is
// first asked for: a task that does not look costs no allocation and no
// registration with its parent. It lives in the Task, guarded by the
// future's mutex.
type taskContext struct {
	c      *core           // the future's: its mutex, and the cancel function
	parent context.Context // the submitter's
	worker *Worker         // nil in the parent of a worker process
	inner  context.Context // made on first use: WithCancelCause(parent)
}

func (tc *taskContext) Deadline() (time.Time, bool) { return tc.parent.Deadline() }
func (tc *taskContext) Done() <-chan struct{}       { return tc.made().Done() }
func (tc *taskContext) Err() error                  { return tc.made().Err() }

func (tc *taskContext) Value(key any) any {
	if _, ok := key.(workerKey); ok && tc.worker != nil {
		return tc.worker
	}
	// Every other key goes to the cancellable context: context.Cause and
	// the contexts derived from this one find it by a key of their own.
	return tc.made().Value(key)
}

func (tc *taskContext) String() string { return "futures task context" }

// made returns the cancellable context, making it on first use, already
// cancelled if the task was stopped or has ended in the meantime.
func (tc *taskContext) made() context.Context {
	c := tc.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if tc.inner == nil {
		tc.inner, c.cancelTask = context.WithCancelCause(tc.parent)
		switch {
		case c.stopped:
			c.cancelTask(ErrStopped)
		case c.isDone():
			c.cancelTask(nil)
		}
	}
	return tc.inner
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
	// encode encodes the arguments for a worker elsewhere; finishEncoded
	// finishes the future with what that worker sent back (see remote.go).
	encode() ([]byte, error)
	finishEncoded(results []byte, worker string, err error)
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
	t.ctx.worker = worker
	if !t.ctx.c.start() {
		return nil, false
	}
	return &t.ctx, true
}

// RunHere runs a started task in this process, on the calling goroutine,
// and finishes its future.
func (t *Task) RunHere(ctx context.Context) { t.job.runHere(ctx, nil) }

// Fail finishes the task's future with err, without running it.
func (t *Task) Fail(err error) { t.job.fail(err) }
