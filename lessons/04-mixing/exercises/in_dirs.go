package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/04-mixing/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// RunInDirs is exercise 2. Each task must run with its working directory
// set to its task's Dir (it writes a file there by a relative path). Run
// task once for each of tasks, all at the same time, and return what each
// returns, in the order of tasks. This process's working directory must
// be the same when RunInDirs returns, and all along.
func RunInDirs(ctx context.Context, task *processes.Func[check.DirTask, string], tasks []check.DirTask) ([]string, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
