package solutions

import "sync"

// ParallelSum is the answer to exercise 4: part w runs from
// w*len/workers to (w+1)*len/workers, which covers every number exactly
// once whatever len(nums); each goroutine writes its own slot of partial.
func ParallelSum(nums []int, workers int, sum func(part []int) int) int {
	workers = max(workers, 1)
	partial := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(nums)/workers, (w+1)*len(nums)/workers
		if lo == hi {
			continue // more workers than numbers
		}
		wg.Go(func() { partial[w] = sum(nums[lo:hi]) })
	}
	wg.Wait()
	total := 0
	for _, p := range partial {
		total += p
	}
	return total
}
