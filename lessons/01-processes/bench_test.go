package processes

import (
	"context"
	"runtime"
	"testing"
)

var (
	noop = Register("bench.noop", func(_ context.Context, _ int) (int, error) { return 0, nil })

	// spin is a CPU-bound task: n steps of a xorshift generator.
	spin = Register("bench.spin", func(_ context.Context, n int) (uint64, error) {
		x := uint64(88172645463325252)
		for range n {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
		}
		return x, nil
	})
)

// BenchmarkProcessSpawn is in internal/spawnbench, whose test binary is
// as lean as a program that uses this package.

// benchMap maps a no-op over b.N arguments on a pool of 2 workers; ns/op
// is the overhead per task.
func benchMap(b *testing.B, chunk int) {
	p, err := NewPool(2)
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		p.Close()
		_ = p.Join(context.Background())
	}()
	args := make([]int, b.N)
	b.ResetTimer()
	if _, err := Map(b.Context(), p, noop, args, WithChunkSize(chunk)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPoolTaskOverhead is the cost per task of a pool of 2 workers
// running no-op tasks one at a time (chunk size 1).
func BenchmarkPoolTaskOverhead(b *testing.B) { benchMap(b, 1) }

// BenchmarkPoolTaskOverheadChunked is the same in chunks of 256 tasks.
func BenchmarkPoolTaskOverheadChunked(b *testing.B) { benchMap(b, 256) }

// BenchmarkPoolCPUBound maps a CPU-bound task (about 5 ms each) over 16
// arguments with 1 and with NumCPU workers: the ratio is the speedup. The
// second is named workers=NumCPU, not after the count, so that its name
// (and the README that shows it) is the same on every machine.
func BenchmarkPoolCPUBound(b *testing.B) {
	args := make([]int, 16)
	for i := range args {
		args[i] = 3_000_000
	}
	for _, run := range []struct {
		name    string
		workers int
	}{{"workers=1", 1}, {"workers=NumCPU", runtime.NumCPU()}} {
		workers := run.workers
		b.Run(run.name, func(b *testing.B) {
			p, err := NewPool(workers)
			if err != nil {
				b.Fatal(err)
			}
			defer func() {
				p.Close()
				_ = p.Join(context.Background())
			}()
			for b.Loop() {
				if _, err := Map(b.Context(), p, spin, args, WithChunkSize(1)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
