package exercises

import (
	"context"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// WorkerPool is exercise 4. Start workers goroutines that take jobs from
// jobs and run work on each, and return at once a channel on which the
// Result of every job arrives (in any order), failed jobs included. Close
// that channel once every worker has returned. The workers return when jobs
// is closed, or when ctx is cancelled: jobs may never be closed.
func WorkerPool(ctx context.Context, jobs <-chan int, workers int, work func(ctx context.Context, job int) (int, error)) <-chan threads.Result[int] {
	exercise.TODO() // replace this line with your answer
	return nil
}
