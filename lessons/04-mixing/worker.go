package mixing

import "context"

// Worker says where an item runs: which child process, and which of its
// goroutines (numbered from 0).
type Worker struct {
	Process   string // the child's name, e.g. "Process-3"
	PID       int
	Goroutine int
}

type workerKey struct{}

// Current is the worker running the item whose context ctx is. Outside
// Map (in the parent, say), Process is "" and Goroutine -1.
func Current(ctx context.Context) Worker {
	if w, ok := ctx.Value(workerKey{}).(Worker); ok {
		return w
	}
	return Worker{Goroutine: -1}
}
