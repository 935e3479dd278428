package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// RunAll is exercise 3. Run job on every element of jobs, each in its own
// child process, all at the same time, and return every result and every
// error, each at its job's index. Some jobs crash their process, and one
// panics: the others' results must not be lost, and no process may be
// left behind.
func RunAll(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
