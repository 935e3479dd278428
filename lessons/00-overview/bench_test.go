package overview

import (
	"runtime"
	"sync"
	"testing"
)

// BenchmarkGoroutineStartJoin is the cost of starting one goroutine and
// waiting for it to finish.
func BenchmarkGoroutineStartJoin(b *testing.B) {
	for b.Loop() {
		var wg sync.WaitGroup
		wg.Go(func() {})
		wg.Wait()
	}
}

// BenchmarkProcessStartJoin is the cost of the same with a child process:
// start this binary again, as Processes does, with no numbers to work on,
// read its (empty) report from the pipe and wait for it to exit.
func BenchmarkProcessStartJoin(b *testing.B) {
	for b.Loop() {
		c, err := startChild(b.Context(), Square, nil, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.wait(); err != nil {
			b.Fatal(err)
		}
	}
}

// busyLoopSteps sizes the CPU-bound benchmark: about 50 ms on one core.
const busyLoopSteps = 50_000_000

// BenchmarkCPUBound runs the same CPU-bound loop split across 1 and
// NumCPU goroutines; the ratio of the two is the speedup. The second is
// named workers=NumCPU, not after the count, so that its name is the same
// on every machine.
func BenchmarkCPUBound(b *testing.B) {
	for _, run := range []struct {
		name    string
		workers int
	}{{"workers=1", 1}, {"workers=NumCPU", runtime.NumCPU()}} {
		workers := run.workers
		b.Run(run.name, func(b *testing.B) {
			for b.Loop() {
				SplitBusyLoop(busyLoopSteps, workers)
			}
		})
	}
}
