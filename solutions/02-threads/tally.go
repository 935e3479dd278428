package solutions

import "sync"

// Tally is the answer to exercise 2: one mutex guards the three totals,
// which change together. size runs outside the lock, so the workers still
// measure files at the same time; only the short update is one at a time.
func Tally(files []string, workers int, size func(file string) int64) (count int, total, largest int64) {
	var mu sync.Mutex
	queue := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for file := range queue {
				n := size(file)
				mu.Lock()
				count++
				total += n
				largest = max(largest, n)
				mu.Unlock()
			}
		})
	}
	for _, file := range files {
		queue <- file
	}
	close(queue)
	wg.Wait() // after Wait, the workers' updates are visible here
	return count, total, largest
}
