package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/03-futures/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Rerun is exercise 3. Run task on every job, on pools made by newPool:
// ProcessPools that break when a worker process dies, as Python's do, and
// some runs crash their worker. When a pool breaks, re-run on a new pool
// only the jobs that failed because it broke (errors.Is(err,
// futures.ErrBroken)), keeping every result already made, until every job
// is done. A job that fails with an error of its own is reported, not run
// again. Return each job's result and error at its index, and close every
// pool you make.
func Rerun(ctx context.Context, newPool func() (futures.Executor, error), task *processes.Func[check.Work, int], jobs []check.Work) ([]int, []error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
