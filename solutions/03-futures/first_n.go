package solutions

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// FirstN is the answer to exercise 1: futures.AsCompleted yields the
// futures in the order they complete, so the first n it yields are the
// first n results. The deferred function runs on every path out: Stop
// cancels each task that has not started and cancels the context of each
// one running (and does nothing to one that has finished), and Wait with
// AllCompleted returns once they have all stopped, so that no task is left
// running. Python's executor.shutdown(cancel_futures=True) would cancel
// only the pending ones, and shut down the caller's executor too.
func FirstN(ctx context.Context, ex futures.Executor, job *processes.Func[int, int], jobs []int, n int) ([]int, error) {
	var fs []*futures.Future[int]
	defer func() {
		for _, f := range fs {
			f.Stop()
		}
		if len(fs) > 0 {
			_, _, _ = futures.Wait(context.WithoutCancel(ctx), fs, futures.AllCompleted)
		}
	}()
	for _, j := range jobs {
		f, err := futures.Submit(ctx, ex, job, j)
		if err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	results := make([]int, 0, n)
	if n <= 0 || len(fs) == 0 {
		return results, nil
	}
	for f, err := range futures.AsCompleted(ctx, fs) {
		if err != nil {
			return results, err // ctx ended first
		}
		v, err := f.Result(ctx)
		if err != nil {
			return results, err
		}
		results = append(results, v)
		if len(results) == n {
			break
		}
	}
	return results, nil
}
