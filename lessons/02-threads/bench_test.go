package threads

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// BenchmarkGoroutineStartJoin is the cost of starting one goroutine and
// waiting for it to finish: Python's Thread(target=f).start() and join().
func BenchmarkGoroutineStartJoin(b *testing.B) {
	for b.Loop() {
		var wg sync.WaitGroup
		wg.Go(func() {})
		wg.Wait()
	}
}

// noop is a task that does nothing, so that a benchmark measures only
// what it costs to hand a task to a worker and get its result back.
func noop(_ context.Context, n int) (int, error) { return n, nil }

// BenchmarkWorkerPoolTaskOverhead is the cost per task of Map with 2
// workers on tasks that do nothing: one op is one task.
func BenchmarkWorkerPoolTaskOverhead(b *testing.B) {
	inputs := make([]int, b.N)
	b.ResetTimer()
	if _, err := Map(b.Context(), 2, inputs, noop); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkErrgroupLimitTaskOverhead is the same work with MapErrgroup:
// errgroup with SetLimit(2), a goroutine per task.
func BenchmarkErrgroupLimitTaskOverhead(b *testing.B) {
	inputs := make([]int, b.N)
	b.ResetTimer()
	if _, err := MapErrgroup(b.Context(), 2, inputs, noop); err != nil {
		b.Fatal(err)
	}
}

// Download benchmark: 64 images from a local site that answers each
// request after 10ms; one op downloads all 64.
const (
	benchImages  = 64
	benchDelay   = 10 * time.Millisecond
	benchWorkers = 16
)

// BenchmarkDownload downloads the images one after the other and with a
// pool of 16 goroutines (Map, as the download example does); the ratio of
// the two is the speedup.
func BenchmarkDownload(b *testing.B) {
	site := NewImageSite(benchDelay)
	defer site.Close()
	urls := ImageURLs(site.URL(), benchImages)
	fetch := Fetcher(site.Client(), 0)
	b.Run("sequential", func(b *testing.B) {
		for b.Loop() {
			for _, u := range urls {
				if _, err := fetch(b.Context(), u); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run(fmt.Sprintf("pool=%d", benchWorkers), func(b *testing.B) {
		for b.Loop() {
			if _, err := Map(b.Context(), benchWorkers, urls, func(ctx context.Context, u string) ([]byte, error) { return fetch(ctx, u) }); err != nil {
				b.Fatal(err)
			}
		}
	})
}
