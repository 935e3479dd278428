package futures

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Worker is who runs a task: a goroutine of a ThreadPool (named like
// Python's threads, "ThreadPool-1_0", in this process) or a worker process
// ("PoolWorker-3", with its own pid).
type Worker struct {
	Name string
	PID  int
}

type workerKey struct{}

// Current says who runs the task whose context is ctx: the goroutine
// worker of a ThreadPool, or, in a worker process, the process
// (processes.Current()). The same registered function learns either way
// where it runs. Outside any task, it is the main process.
func Current(ctx context.Context) Worker {
	if w, ok := ctx.Value(workerKey{}).(*Worker); ok {
		return *w
	}
	id := processes.Current()
	return Worker{Name: id.Name, PID: id.PID}
}
