package solutions

import (
	"cmp"
	"context"
	"slices"
	"sync"
)

// FinishEarly is the answer to exercise 3: one shared queue, longest task
// first, and workers goroutines that each take the next task when they
// are free. No worker sits idle while a task waits, and the short tasks
// fill the gaps at the end.
func FinishEarly(ctx context.Context, units []int, workers int, run func(ctx context.Context, task int)) {
	order := make([]int, len(units))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(units[b], units[a]) })

	queue := make(chan int, len(order))
	for _, task := range order {
		queue <- task
	}
	close(queue) // the sender closes: each worker's range ends when the queue is empty

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for task := range queue {
				if ctx.Err() != nil {
					return
				}
				run(ctx, task)
			}
		})
	}
	wg.Wait()
}
