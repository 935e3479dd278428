package solutions

import (
	"context"
	"iter"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// SumSquares is the answer to exercise 4: futures.Map is lazy. It reads
// nums only as the loop takes results, and WithBuffer(limit) keeps at most
// limit tasks running or waiting ahead of the loop (without it, Map keeps
// 2 per worker of ex). Breaking out of the loop on an error cancels the
// tasks not started and stops the running ones.
func SumSquares(ctx context.Context, ex futures.Executor, square *processes.Func[int, int], nums iter.Seq[int], limit int) (int, error) {
	sum := 0
	for v, err := range futures.Map(ctx, ex, square, nums, futures.WithBuffer(limit)) {
		if err != nil {
			return 0, err
		}
		sum += v
	}
	return sum, nil
}
