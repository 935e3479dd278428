package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// FirstN is exercise 1. Submit job on every element of jobs to ex and
// return the first n results to complete, in the order they completed.
// Cancel or stop the other tasks, pending and running, and return only
// once none of them is running: a task you stopped has stopped when its
// future is done.
func FirstN(ctx context.Context, ex futures.Executor, job *processes.Func[int, int], jobs []int, n int) ([]int, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
