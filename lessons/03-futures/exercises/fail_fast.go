package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// FailFast is exercise 2. Submit job on every element of jobs to ex. At
// the first task that fails, cancel the tasks not started and stop the
// running ones, and return, once none of them is running, the result of
// every job that completed before the error (keyed by its index in jobs)
// and that first error. If no task fails, return every result and nil.
func FailFast(ctx context.Context, ex futures.Executor, job *processes.Func[int, int], jobs []int) (map[int]int, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
