package check

import (
	"fmt"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// waited is how the learner's code first waited for its tasks, as a
// driver saw it.
type waited struct {
	first     int  // the tasks running when the code first waited
	unsettled bool // the code never waited: its goroutines kept running
}

// judge fails the check if the code never blocked to wait (it polls: the
// exercise's words for it are polls), or waited before it had submitted
// enough jobs to fill the executor's workers (oneByOne), and reports
// whether it did.
func (w waited) judge(c *exercise.C, what string, workers, jobs int, polls, oneByOne string) (failed bool) {
	switch full := min(workers, jobs); {
	case w.unsettled:
		c.Fail(exercise.Mistake{
			Expected: what + " to wait for the tasks, blocked until one completes",
			Got:      fmt.Sprintf("its goroutines never all waited at once (watched for %v)", c.Patience()),
			Likely:   polls,
		})
	case w.first < full:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%s to submit every job before it waits for one: %d running at once on the executor's %d workers",
				what, full, workers),
			Got:    "when it first waited, " + plural(w.first, "task") + " ran",
			Likely: oneByOne,
		})
	default:
		return false
	}
	return true
}
