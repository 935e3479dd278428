package sidebyside

import (
	"context"
	"sync"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

// Lesson 02's figures: a thread's (goroutine's) start and join, a pool of
// 2 threads, downloads from a slow site with a pool of 16, and CPU-bound
// work on 2 threads against 1 (lesson 00's claim that threads run in the
// same CPU). Their Python
// twins are in l02_threads.py.
var lesson02 = []*Figure{
	{ID: "thread-start-join", Lesson: "02", Kind: PerOp, Size: 2000, Short: 200, Rounds: 3,
		What: "start a thread / goroutine that does nothing and join it", Go: threadStartJoin},
	{ID: "thread-pool-map", Lesson: "02", Kind: PerOp, Size: 10_000, Short: 1000, Rounds: 3,
		What: "ThreadPoolExecutor(2).map / threads.Map(2) of a no-op: per task", Go: threadPoolMap},
	{ID: "download", Lesson: "02", Kind: Wall, Size: 64, Short: 16, Rounds: 3,
		What: "n downloads from a local site that answers in 10ms, pool of 16", Go: download},
	{ID: "cpu-threads", Lesson: "02", Kind: Speedup, Size: 2_000_000, Short: 50_000, Rounds: 7,
		What: "a busy loop of n steps on 2 threads / goroutines vs 1", Work: cpuThreads},
}

// downloadWorkers is the download pool's size, on both sides.
const downloadWorkers = 16

func threadStartJoin(_ context.Context, _ *Env, n int) (float64, error) {
	return perOp(n, func() error {
		for range n {
			var wg sync.WaitGroup
			wg.Go(func() {})
			wg.Wait()
		}
		return nil
	})
}

func threadPoolMap(ctx context.Context, _ *Env, n int) (float64, error) {
	work := func(_ context.Context, v int) (int, error) { return v, nil }
	if _, err := threads.Map(ctx, 2, make([]int, warm), work); err != nil {
		return 0, err
	}
	inputs := make([]int, n)
	return perOp(n, func() error {
		_, err := threads.Map(ctx, 2, inputs, work)
		return err
	})
}

func download(ctx context.Context, env *Env, n int) (float64, error) {
	urls := threads.ImageURLs(env.Site, n)
	fetch := threads.Fetcher(env.Client, 0)
	return timed(func() error {
		_, err := threads.Map(ctx, downloadWorkers, urls, func(ctx context.Context, u string) ([]byte, error) { return fetch(ctx, u) })
		return err
	})
}

// cpuThreads splits n steps of busyLoop across workers goroutines, as
// lesson 00's cpu-bound example does.
func cpuThreads(_ context.Context, n, workers int) (float64, error) {
	return timed(func() error {
		var wg sync.WaitGroup
		parts := make([]uint64, workers)
		for w := range workers {
			wg.Go(func() { parts[w] = busyLoop(n / workers) })
		}
		wg.Wait()
		return nil
	})
}
