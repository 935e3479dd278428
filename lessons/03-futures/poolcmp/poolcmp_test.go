package poolcmp

import (
	"context"
	"sync"
	"testing"

	"github.com/alitto/pond/v2"
	"github.com/panjf2000/ants/v2"
	"github.com/sourcegraph/conc/pool"
	"golang.org/x/sync/errgroup"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	threads "github.com/gophertutor/concurrency/lessons/02-threads"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// workers is every pool's size: the lesson's benchmarks use 2.
const workers = 2

var noop = processes.Register("poolcmp.noop", func(_ context.Context, n int) (int, error) { return n, nil })

// BenchmarkPools runs b.N no-op tasks on each pool and keeps every result:
// ns/op is submit + result per task.
func BenchmarkPools(b *testing.B) {
	b.Run("futures.ThreadPool", func(b *testing.B) {
		ex, err := futures.NewThreadPool(workers)
		if err != nil {
			b.Fatal(err)
		}
		defer ex.Close()
		ctx := context.Background()
		fs := make([]*futures.Future[int], b.N)
		b.ResetTimer()
		for i := range fs {
			if fs[i], err = futures.Submit(ctx, ex, noop, i); err != nil {
				b.Fatal(err)
			}
		}
		for i, f := range fs {
			if v, err := f.Result(ctx); err != nil || v != i {
				b.Fatal(v, err)
			}
		}
	})
	b.Run("threads.Map", func(b *testing.B) {
		in := make([]int, b.N)
		for i := range in {
			in[i] = i
		}
		b.ResetTimer()
		out, err := threads.Map(context.Background(), workers, in, func(_ context.Context, n int) (int, error) { return n, nil })
		if err != nil || len(out) != b.N {
			b.Fatal(len(out), err)
		}
	})
	b.Run("conc", func(b *testing.B) {
		p := pool.NewWithResults[int]().WithMaxGoroutines(workers)
		for i := 0; i < b.N; i++ {
			p.Go(func() int { return i })
		}
		if out := p.Wait(); len(out) != b.N {
			b.Fatal(len(out))
		}
	})
	b.Run("errgroup", func(b *testing.B) {
		var g errgroup.Group
		g.SetLimit(workers)
		out := make([]int, b.N)
		for i := 0; i < b.N; i++ {
			g.Go(func() error { out[i] = i; return nil })
		}
		if err := g.Wait(); err != nil {
			b.Fatal(err)
		}
	})
	b.Run("pond", func(b *testing.B) {
		p := pond.NewResultPool[int](workers)
		defer p.StopAndWait()
		rs := make([]pond.Result[int], b.N)
		for i := 0; i < b.N; i++ {
			rs[i] = p.Submit(func() int { return i })
		}
		for i, r := range rs {
			if v, err := r.Wait(); err != nil || v != i {
				b.Fatal(v, err)
			}
		}
	})
	b.Run("ants", func(b *testing.B) {
		p, err := ants.NewPool(workers)
		if err != nil {
			b.Fatal(err)
		}
		defer p.Release()
		out := make([]int, b.N)
		var wg sync.WaitGroup
		for i := 0; i < b.N; i++ {
			wg.Add(1)
			if err := p.Submit(func() { out[i] = i; wg.Done() }); err != nil {
				b.Fatal(err)
			}
		}
		wg.Wait()
	})
}
