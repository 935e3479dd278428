package sidebyside

import (
	"context"
	"time"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

// Lesson 00's figures: the seed's three programs. Their Python twins are in
// l00_seed.py. (The seed's claim that threads run in the same CPU is
// lesson 02's cpu-threads.)
var lesson00 = []*Figure{
	{ID: "seed-vanilla", Lesson: "00", Kind: Wall, Size: 200, Short: 10, Rounds: 1,
		What: "the seed job one after the other (4 numbers × 2, n ms each)", Go: seed(overview.Sequential)},
	{ID: "seed-threads", Lesson: "00", Kind: Wall, Size: 200, Short: 10, Rounds: 1,
		What: "the seed job in 2 threads / goroutines", Go: seed(overview.Goroutines)},
	{ID: "seed-processes", Lesson: "00", Kind: Wall, Size: 200, Short: 10, Rounds: 1,
		What: "the seed job in 2 child processes, their start included", Go: seed(overview.Processes)},
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
