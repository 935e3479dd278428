package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// TaskQueue is exercise 2, the Python lesson's task queue. Make a queue of
// tasks and a queue of results, put every task on the first, start workers
// processes running drain (each given a check.Work with both queues and
// probe), wait for all of them, and return everything they put on the
// results queue (in any order). If a worker fails, go on waiting for the
// others, and return its error with the results.
func TaskQueue(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
