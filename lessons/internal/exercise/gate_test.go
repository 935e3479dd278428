package exercise

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gated is a toy exercise: the learner's code calls work(i) for i in 0..n-1
// with at most k in flight; work is held at a gate.
func gated(k, n int, order *[]int, stalled *bool) Exercise[func(work func(int))] {
	return Exercise[func(work func(int))]{
		Info: Info{Name: "Gated"},
		Check: func(c *C, impl func(work func(int))) {
			g := NewGate(c, k, n)
			var mu sync.Mutex
			work := func(i int) {
				h := g.Enter(i, 1)
				defer g.Leave(h)
				<-h.Released()
				mu.Lock()
				*order = append(*order, i)
				mu.Unlock()
			}
			d := g.Drive(HighestKeyFirst)
			c.Call("Gated(work)", "", func() { impl(work) })
			*stalled = d.Finish()
		},
	}
}

func TestGateReleasesTheHighestKeyFirstOnceTheAnswerSettles(t *testing.T) {
	var order []int
	var stalled bool
	pool := func(work func(int)) { // k workers on a shared channel
		jobs := make(chan int)
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				for i := range jobs {
					work(i)
				}
			})
		}
		for i := range 4 {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
	}
	r := gated(2, 4, &order, &stalled).Run(pool, WithPatience(time.Second))
	require.Equal(t, Passed, r.Status, r.Message)
	assert.False(t, stalled)
	assert.Equal(t, []int{1, 2, 3, 0}, order, "held 0 and 1: 1 first; then 0 and 2: 2; then 0 and 3: 3; then 0")
}

func TestGateSeesAnAnswerThatKeepsTooFewInFlight(t *testing.T) {
	var order []int
	var stalled bool
	sequential := func(work func(int)) {
		for i := range 4 {
			work(i)
		}
	}
	gated(2, 4, &order, &stalled).Run(sequential, WithPatience(20*time.Millisecond))
	assert.True(t, stalled)
	assert.Equal(t, []int{0, 1, 2, 3}, order)
}

func TestEarliestEndAdvancesTheClock(t *testing.T) {
	held := []*Hold{{key: 0, start: 0, length: 3}, {key: 1, start: 0, length: 1}, {key: 2, start: 1, length: 0}}
	out, now := EarliestEnd(held, 0)
	assert.Equal(t, 1, now)
	assert.Len(t, out, 2, "both end at 1")
	out, now = HighestKeyFirst(nil, 5)
	assert.Empty(t, out)
	assert.Equal(t, 5, now)
}
