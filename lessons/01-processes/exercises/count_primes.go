package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// CountPrimes is exercise 1. Start a pool of workers processes, run count
// on every range in it, and return the counts in the order of ranges.
// Close and join the pool before returning, whatever happened.
func CountPrimes(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) ([]int, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
