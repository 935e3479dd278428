package exercises

import (
	"context"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// SquaresInChild is exercise 2. Run the square task over nums in a child
// process (overview.ChildCommand builds the command; use no delay), bring the
// Report the child writes to its pipe back to this process, wait for the
// child to exit, and return the Report.
//
// In multiprocessing.py the child appended to square_result and the parent's
// list stayed empty. Here the child's results must reach the parent.
func SquaresInChild(ctx context.Context, nums []int) (overview.Report, error) {
	exercise.TODO() // replace this line with your answer
	return overview.Report{}, nil
}
