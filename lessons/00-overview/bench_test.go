package overview

import (
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
