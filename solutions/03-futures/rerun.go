package solutions

import (
	"context"
	"errors"
	"fmt"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/03-futures/check"
)

// Rerun is the answer to exercise 3. One results slice and one errs slice
// live across the rounds; each round makes a pool, submits the jobs still
// to do, and sorts their outcomes: an error that wraps futures.ErrBroken
// (from Submit, if the pool broke while the round was still submitting, or
// from Result) means the pool broke before the job could finish, so the job
// goes on to the next round; any other outcome, a result or the job's own
// error, is final. A pool is closed at the end of its round, broken or not
// (for a broken one, Close returns at once). A job that crashed its worker
// every time would break every pool: the rounds stop after one per job, and
// its error says so.
func Rerun(ctx context.Context, newPool func() (futures.Executor, error), task *processes.Func[check.Work, int], jobs []check.Work) ([]int, []error) {
	results := make([]int, len(jobs))
	errs := make([]error, len(jobs))
	todo := make([]int, len(jobs))
	for i := range todo {
		todo[i] = i
	}
	for round := 0; len(todo) > 0; round++ {
		if round > len(jobs) {
			for _, i := range todo {
				errs[i] = fmt.Errorf("gave up after %d rounds: %w", round, errs[i])
			}
			break
		}
		pool, err := newPool()
		if err != nil {
			for _, i := range todo {
				errs[i] = err
			}
			break
		}
		fs := make(map[int]*futures.Future[int], len(todo))
		var again []int
		for _, i := range todo {
			f, err := futures.Submit(ctx, pool, task, jobs[i])
			switch {
			case errors.Is(err, futures.ErrBroken):
				errs[i] = err
				again = append(again, i)
			case err != nil:
				errs[i] = err
			default:
				fs[i] = f
			}
		}
		for _, i := range todo {
			f, ok := fs[i]
			if !ok {
				continue
			}
			v, err := f.Result(ctx)
			if errors.Is(err, futures.ErrBroken) {
				errs[i] = err
				again = append(again, i)
				continue
			}
			results[i], errs[i] = v, err
		}
		_ = pool.Close()
		todo = again
	}
	return results, errs
}
