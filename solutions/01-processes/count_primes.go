package solutions

import (
	"context"
	"errors"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
)

// CountPrimes is the answer to exercise 1: Map keeps the order of its
// arguments; the pool is closed and joined on every path.
func CountPrimes(ctx context.Context, count *processes.Func[check.Range, int], ranges []check.Range, workers int) (counts []int, err error) {
	pool, err := processes.NewPool(workers)
	if err != nil {
		return nil, err
	}
	defer func() {
		pool.Close()
		err = errors.Join(err, pool.Join(context.WithoutCancel(ctx)))
	}()
	return processes.Map(ctx, pool, count, ranges)
}
