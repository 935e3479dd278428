package exercises

import (
	"context"
	"iter"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// SumSquares is exercise 4. Return the sum of square(n) for every n of
// nums, computed on ex, with at most limit squares in flight at any
// moment. nums is long (the check's holds 100 000 numbers): read it only
// as the results come, never all at once.
func SumSquares(ctx context.Context, ex futures.Executor, square *processes.Func[int, int], nums iter.Seq[int], limit int) (int, error) {
	exercise.TODO() // replace this line with your answer
	return 0, nil
}
