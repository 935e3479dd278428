package exercises

import (
	"context"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// FinishEarly is exercise 3. Run every task on workers worker goroutines so
// that the last task finishes as early as it can. Task i lasts units[i]
// units of time; run(ctx, i) runs it and returns when it is done. At most
// workers tasks may run at once, each task runs exactly once, and
// FinishEarly returns when every task has finished.
func FinishEarly(ctx context.Context, units []int, workers int, run func(ctx context.Context, task int)) {
	exercise.TODO() // replace this line with your answer
}
