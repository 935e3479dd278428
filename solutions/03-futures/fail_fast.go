package solutions

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// FailFast is the answer to exercise 2: Python's wait(fs,
// return_when=FIRST_EXCEPTION). Wait with FirstError returns as soon as a
// future fails (or, if none does, once all are done), with the futures done
// by then and the others. Stop cancels each of the others that has not
// started and cancels the context of each one running; the second Wait
// returns once they have all stopped. The results are those of the futures
// done without an error, and the error is the failed one's: not the first
// error by index, which may be the error of a task stopped here.
func FailFast(ctx context.Context, ex futures.Executor, job *processes.Func[int, int], jobs []int) (map[int]int, error) {
	results := map[int]int{}
	if len(jobs) == 0 {
		return results, nil
	}
	fs := make([]*futures.Future[int], 0, len(jobs))
	stopAll := func(fs []*futures.Future[int]) {
		for _, f := range fs {
			f.Stop()
		}
		if len(fs) > 0 {
			_, _, _ = futures.Wait(context.WithoutCancel(ctx), fs, futures.AllCompleted)
		}
	}
	for _, j := range jobs {
		f, err := futures.Submit(ctx, ex, job, j)
		if err != nil {
			stopAll(fs)
			return results, err
		}
		fs = append(fs, f)
	}
	done, notDone, err := futures.Wait(ctx, fs, futures.FirstError)
	if err != nil {
		stopAll(fs)
		return results, err
	}
	stopAll(notDone)
	index := make(map[*futures.Future[int]]int, len(fs))
	for i, f := range fs {
		index[f] = i
	}
	var first error
	for _, f := range done {
		v, err := f.Result(ctx)
		switch {
		case err == nil:
			results[index[f]] = v
		case first == nil:
			first = err
		}
	}
	if first == nil && len(notDone) > 0 {
		first = ctx.Err() // Wait returned because ctx ended, not because a task failed
	}
	return results, first
}
