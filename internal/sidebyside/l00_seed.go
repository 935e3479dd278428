package sidebyside

import (
	"context"
	"sync"
	"time"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

// Lesson 00's figures: the seed's three programs, and its claim that
// threads run in the same CPU. Their Python twins are in l00_seed.py.
var lesson00 = []*Figure{
	{ID: "seed-vanilla", Lesson: "00", Kind: Wall, Size: 200, Short: 10, Rounds: 1,
		What: "the seed job one after the other (4 numbers × 2, n ms each)", Go: seed(overview.Sequential)},
	{ID: "seed-threads", Lesson: "00", Kind: Wall, Size: 200, Short: 10, Rounds: 1,
		What: "the seed job in 2 threads / goroutines", Go: seed(overview.Goroutines)},
	{ID: "seed-processes", Lesson: "00", Kind: Wall, Size: 200, Short: 10, Rounds: 1,
		What: "the seed job in 2 child processes, their start included", Go: seed(overview.Processes)},
	{ID: "cpu-threads", Lesson: "00", Kind: Speedup, Size: 2_000_000, Short: 50_000, Rounds: 3,
		What: "a busy loop of n steps on 2 threads / goroutines vs 1", Work: cpuThreads},
}

// seed runs one of lesson 00's three ways with a delay of n ms.
func seed(way func(context.Context, []int, overview.Options) (overview.Result, error)) func(context.Context, *Env, int) (float64, error) {
	return func(ctx context.Context, _ *Env, n int) (float64, error) {
		return timed(func() error {
			_, err := way(ctx, overview.Numbers, overview.Options{Delay: time.Duration(n) * time.Millisecond})
			return err
		})
	}
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
