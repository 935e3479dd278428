package solutions

import (
	"context"
	"sync"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

// WorkerPool is the answer to exercise 4. The workers are the senders on
// results, so the one that closes it is a goroutine that waits for all of
// them. Every wait, for a job and to send a result, is also a wait for
// ctx.Done(), so a cancelled pool stops even if jobs is never closed.
func WorkerPool(ctx context.Context, jobs <-chan int, workers int, work func(ctx context.Context, job int) (int, error)) <-chan threads.Result[int] {
	results := make(chan threads.Result[int])
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				var job int
				select {
				case <-ctx.Done():
					return
				case j, ok := <-jobs:
					if !ok {
						return // no more jobs
					}
					job = j
				}
				v, err := work(ctx, job)
				select {
				case results <- threads.Result[int]{Job: job, Value: v, Err: err}:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results) // every sender has returned
	}()
	return results
}
