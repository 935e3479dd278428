package futures

import (
	"context"
	"runtime"
	"slices"
	"testing"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

var noop = processes.Register("bench.noop", func(_ context.Context, n int) (int, error) { return n, nil })

// benchSubmit submits b.N no-op tasks to ex, then takes every result: the
// cost per task of submit + result.
func benchSubmit(b *testing.B, ex Executor) {
	defer ex.Close()
	ctx := context.Background()
	fs := make([]*Future[int], b.N)
	b.ResetTimer()
	for i := range fs {
		f, err := Submit(ctx, ex, noop, i)
		if err != nil {
			b.Fatal(err)
		}
		fs[i] = f
	}
	for _, f := range fs {
		if _, err := f.Result(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkThreadExecutorSubmit is submit + result per task on a
// ThreadPool of 2 workers, no-op tasks.
func BenchmarkThreadExecutorSubmit(b *testing.B) {
	ex, err := NewThreadPool(2)
	if err != nil {
		b.Fatal(err)
	}
	benchSubmit(b, ex)
}

// BenchmarkProcessExecutorSubmit is the same on 2 worker processes.
func BenchmarkProcessExecutorSubmit(b *testing.B) {
	ex, err := NewProcessPool(2)
	if err != nil {
		b.Fatal(err)
	}
	benchSubmit(b, ex)
}

// BenchmarkProcessExecutorMapChunked maps a no-op over b.N arguments on 2
// worker processes in chunks of 256: ns/op is the cost per argument.
func BenchmarkProcessExecutorMapChunked(b *testing.B) {
	ex, err := NewProcessPool(2)
	if err != nil {
		b.Fatal(err)
	}
	defer ex.Close()
	args := make([]int, b.N)
	b.ResetTimer()
	for _, err := range Map(b.Context(), ex, noop, slices.Values(args), WithChunkSize(256), WithBuffer(8)) {
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMapBuffered maps a no-op over b.N arguments on a ThreadPool of
// 2 with a buffer of 64: bytes and allocations per argument, and the peak
// heap (peak-heap-bytes), which stays flat however long the input.
func BenchmarkMapBuffered(b *testing.B) {
	ex, err := NewThreadPool(2)
	if err != nil {
		b.Fatal(err)
	}
	defer ex.Close()
	b.ReportAllocs()
	var peak uint64
	var ms runtime.MemStats
	count := func(yield func(int) bool) {
		for i := range b.N {
			if i%(1<<16) == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			if !yield(i) {
				return
			}
		}
	}
	b.ResetTimer()
	for _, err := range Map(b.Context(), ex, noop, count, WithBuffer(64)) {
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(peak), "peak-heap-bytes")
}
