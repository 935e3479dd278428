package overview

import "sync"

// BusyLoop is CPU-bound work with no I/O and no shared memory: n steps of a
// xorshift random-number generator. It returns the final state so that the
// compiler cannot drop the loop.
func BusyLoop(n int) uint64 {
	x := uint64(88172645463325252)
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

// SplitBusyLoop does n steps of BusyLoop in total, split evenly across
// workers goroutines, and combines their results.
func SplitBusyLoop(n, workers int) uint64 {
	workers = max(workers, 1)
	parts := make([]uint64, workers) // each goroutine writes only its own element
	var wg sync.WaitGroup
	for w := range workers {
		share := n / workers
		if w < n%workers {
			share++
		}
		wg.Go(func() { parts[w] = BusyLoop(share) })
	}
	wg.Wait()
	var x uint64
	for _, p := range parts {
		x ^= p
	}
	return x
}
