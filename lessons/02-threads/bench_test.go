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
// pool of 16 goroutines; the ratio of the two is the speedup.
func BenchmarkDownload(b *testing.B) {
	site := NewImageSite(benchDelay)
	defer site.Close()
	urls := ImageURLs(site.URL(), benchImages)
	fetch := Fetcher(site.Client(), 0)
	for _, way := range []struct {
		name     string
		download func(ctx context.Context) ([][]byte, error)
	}{
		{"sequential", func(ctx context.Context) ([][]byte, error) { return DownloadSequential(ctx, urls, fetch) }},
		{fmt.Sprintf("pool=%d", benchWorkers), func(ctx context.Context) ([][]byte, error) {
			return DownloadPool(ctx, urls, benchWorkers, fetch)
		}},
	} {
		b.Run(way.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := way.download(b.Context()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
