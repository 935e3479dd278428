package exercises

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/04-mixing/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// FitCores is exercise 3. Run report in procs child processes (child i is
// given the argument i), with each child's GOMAXPROCS set so that the
// children's threads for Go code fit cores: cores/procs each, one more each
// for the first cores%procs children, and at least 1 each. Return the
// children's reports in order.
func FitCores(ctx context.Context, report *processes.Func[int, check.Threads], procs, cores int) ([]check.Threads, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
