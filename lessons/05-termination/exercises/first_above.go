package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/05-termination/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// FirstAbove is exercise 1: Python's section 5.2, nothing lost. Run hunt on
// every job, each in its own child process, all at once. Each worker draws
// values until one is above its target (then it sets the job's Found event)
// or until the job's Stop event is set (then it returns what it drew). Make
// the events, put them in every job, and once one worker has found, stop
// the others by setting Stop. Return the value found, and every value
// every worker drew, in order, at its worker's index: killing a worker
// loses what it drew, and so does not waiting for it. Close the events
// before you return.
func FirstAbove(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt) (found float64, drawn [][]float64, err error) {
	exercise.TODO() // replace this line with your answer
	return 0, nil, nil
}
