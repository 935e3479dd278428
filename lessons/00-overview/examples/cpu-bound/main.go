// Command cpu-bound measures a CPU-bound loop split across 1, 2, 4 and 8
// goroutines, then the same with GOMAXPROCS=1: Go with one thread running
// Go code at a time, which is what Python's GIL makes of threads.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// busyLoop is CPU-bound work with no I/O and no shared memory: n steps of a
// xorshift random-number generator. It returns the final state so that the
// compiler cannot drop the loop.
func busyLoop(n int) uint64 {
	x := uint64(88172645463325252)
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}

// split does steps of busyLoop in total, split evenly across workers
// goroutines, and combines their results.
func split(steps, workers int) uint64 {
	parts := make([]uint64, workers) // each goroutine writes only its own element
	var wg sync.WaitGroup
	for w := range workers {
		share := steps / workers
		if w < steps%workers {
			share++
		}
		wg.Go(func() { parts[w] = busyLoop(share) })
	}
	wg.Wait()
	var x uint64
	for _, p := range parts {
		x ^= p
	}
	return x
}

func main() {
	steps := flag.Int("steps", 250_000_000, "total steps of the busy loop")
	flag.Parse()

	fmt.Printf("A busy loop of %d steps, split evenly across goroutines.\n", *steps)
	fmt.Printf("This machine: NumCPU = %d, GOMAXPROCS = %d\n\n", runtime.NumCPU(), runtime.GOMAXPROCS(0))

	one := measure(*steps, 1)
	row(1, one, one)
	for _, workers := range []int{2, 4, 8} {
		row(workers, measure(*steps, workers), one)
	}

	fmt.Println("\nWith GOMAXPROCS=1 (one thread runs Go code at a time, like Python's GIL):")
	previous := runtime.GOMAXPROCS(1)
	row(2, measure(*steps, 2), one)
	runtime.GOMAXPROCS(previous)
}

// measure times one run of the split loop.
func measure(steps, workers int) time.Duration {
	start := time.Now()
	split(steps, workers)
	return time.Since(start)
}

func row(workers int, took, one time.Duration) {
	fmt.Printf("%d goroutine(s): %8v  speedup %.2fx\n", workers, took.Round(time.Millisecond), float64(one)/float64(took))
}
