// Command cpu-bound measures a CPU-bound loop on 1 and 2 goroutines, then on
// 2 goroutines with GOMAXPROCS=1, which is what Python's GIL makes of
// threads.
package main

import (
	"fmt"
	"runtime"
	"time"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

const steps = 100_000_000

func main() {
	fmt.Printf("A busy loop of %d steps (lesson 00's BusyLoop), split across goroutines.\n", steps)
	fmt.Printf("This machine: GOMAXPROCS = %d\n\n", runtime.GOMAXPROCS(0))
	one := measure(1)
	row("1 goroutine", one, one)
	row("2 goroutines", measure(2), one)
	previous := runtime.GOMAXPROCS(1)
	row("2 goroutines, GOMAXPROCS=1 (the GIL)", measure(2), one)
	runtime.GOMAXPROCS(previous)
}

// measure times the loop split across workers goroutines.
func measure(workers int) time.Duration {
	start := time.Now()
	overview.SplitBusyLoop(steps, workers)
	return time.Since(start)
}

func row(what string, took, one time.Duration) {
	// Always in ms: the numbers on this line may differ, the words may not.
	fmt.Printf("%-38s %dms, speedup %.2fx\n", what+":", took.Milliseconds(), float64(one)/float64(took))
}
