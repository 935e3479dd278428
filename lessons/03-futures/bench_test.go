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

// BenchmarkPendingFuture is what a pending future costs: 100,000 tasks
// wait behind one that holds the only worker; pending-bytes is the heap
// they take, per task (Python's ThreadPoolExecutor: 1,856 bytes).
func BenchmarkPendingFuture(b *testing.B) {
	const n = 100_000
	for b.Loop() {
		ex, err := NewThreadPool(1)
		if err != nil {
			b.Fatal(err)
		}
		hold := processes.NewQueue[struct{}](0)
		started := processes.NewQueue[string](0)
		first, err := Submit(b.Context(), ex, gated, gate{Name: "first", Started: started, Release: hold})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := started.Get(b.Context()); err != nil {
			b.Fatal(err)
		}
		var before, after runtime.MemStats
		fs := make([]*Future[int], 0, n)
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := range n {
			f, err := Submit(context.Background(), ex, noop, i)
			if err != nil {
				b.Fatal(err)
			}
			fs = append(fs, f)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "pending-bytes")
		_ = hold.Put(b.Context(), struct{}{})
		_, _ = first.Result(b.Context())
		_ = ex.Close()
		hold.Close()
		started.Close()
		runtime.KeepAlive(fs)
	}
}
