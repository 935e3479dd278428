package sidebyside

import (
	"context"
	"errors"
	"slices"

	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// Lesson 03's figures: submit and result on executors of 2 workers,
// goroutines and processes, and map in chunks on processes. Their Python
// twins are in l03_futures.py.
var lesson03 = []*Figure{
	{ID: "executor-submit-threads", Lesson: "03", Kind: PerOp, Size: 10_000, Short: 1000, Rounds: 3,
		What: "submit n no-ops to a thread pool of 2, then each result: per task", Go: submitOn(threadPool)},
	{ID: "executor-submit-processes", Lesson: "03", Kind: PerOp, Size: 2000, Short: 200, Rounds: 3,
		What: "the same on a process pool of 2: per task", Go: submitOn(processPool)},
	{ID: "executor-map-processes", Lesson: "03", Kind: PerOp, Size: 2000, Short: 200, Rounds: 3,
		What: "map of a no-op on a process pool of 2, chunk size 1: per task", Go: executorMap(1)},
	{ID: "executor-map-256", Lesson: "03", Kind: PerOp, Size: 100_000, Short: 5000, Rounds: 3,
		What: "map of a no-op on a process pool of 2, chunks of 256: per task", Go: executorMap(256)},
}

func threadPool() (futures.Executor, error)  { return futures.NewThreadPool(2) }
func processPool() (futures.Executor, error) { return futures.NewProcessPool(2) }

// withExecutor runs job on a new executor, warmed up.
func withExecutor(ctx context.Context, newExecutor func() (futures.Executor, error), job func(ex futures.Executor) error) (err error) {
	ex, err := newExecutor()
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, ex.Close()) }()
	for _, err := range futures.Map(ctx, ex, noop, slices.Values(make([]int, warm))) {
		if err != nil {
			return err
		}
	}
	return job(ex)
}

func submitOn(newExecutor func() (futures.Executor, error)) func(context.Context, *Env, int) (float64, error) {
	return func(ctx context.Context, _ *Env, n int) (s float64, err error) {
		err = withExecutor(ctx, newExecutor, func(ex futures.Executor) error {
			fs := make([]*futures.Future[int], n)
			s, err = perOp(n, func() error {
				for i := range fs {
					f, err := futures.Submit(ctx, ex, noop, i)
					if err != nil {
						return err
					}
					fs[i] = f
				}
				for _, f := range fs {
					if _, err := f.Result(ctx); err != nil {
						return err
					}
				}
				return nil
			})
			return err
		})
		return s, err
	}
}

// executorMap maps a no-op on a process pool of 2 in chunks of chunk, as
// BenchmarkProcessExecutorMapChunked does.
func executorMap(chunk int) func(context.Context, *Env, int) (float64, error) {
	return func(ctx context.Context, _ *Env, n int) (s float64, err error) {
		err = withExecutor(ctx, processPool, func(ex futures.Executor) error {
			args := make([]int, n)
			s, err = perOp(n, func() error {
				for _, err := range futures.Map(ctx, ex, noop, slices.Values(args), futures.WithChunkSize(chunk), futures.WithBuffer(8)) {
					if err != nil {
						return err
					}
				}
				return nil
			})
			return err
		})
		return s, err
	}
}
