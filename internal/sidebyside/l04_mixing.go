package sidebyside

import (
	"context"
	"time"

	mixing "github.com/gophertutor/concurrency/lessons/04-mixing"
)

// Lesson 04's figures: the seed's job, processes × threads. Their Python
// twins are in l04_mixing.py.
var lesson04 = []*Figure{
	{ID: "mixing-12345", Lesson: "04", Kind: Wall, Size: 100, Short: 10, Rounds: 1,
		What: "sleep [1 2 3 4 5] units of n ms: 2 processes, a thread per value", Go: mixed([]int{1, 2, 3, 4, 5})},
	{ID: "mixing-22222", Lesson: "04", Kind: Wall, Size: 100, Short: 10, Rounds: 1,
		What: "the same with [2 2 2 2 2]", Go: mixed([]int{2, 2, 2, 2, 2})},
}

// Nap is one value of the mixing job: sleep V units of Unit.
type Nap struct {
	V    int
	Unit time.Duration
}

// nap is the seed's do_something for one value: it sleeps and returns v*v.
var nap = mixing.Register("sidebyside.nap", func(_ context.Context, n Nap) (int, error) {
	time.Sleep(time.Duration(n.V) * n.Unit)
	return n.V * n.V, nil
})

func mixed(values []int) func(context.Context, *Env, int) (float64, error) {
	return func(ctx context.Context, _ *Env, n int) (float64, error) {
		items := make([]Nap, len(values))
		for i, v := range values {
			items[i] = Nap{V: v, Unit: time.Duration(n) * time.Millisecond}
		}
		return timed(func() error {
			_, err := mixing.Map(ctx, nap, items, 2, len(items))
			return err
		})
	}
}
