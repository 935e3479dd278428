package check

import (
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// collideRuns bounds how many times checkSharedTotal calls ParallelSum;
// two patiences bound it too (on a busy machine, runs are slow and few of
// them have two goroutines running at once).
const collideRuns = 500

// checkSharedTotal finds, without the race detector, partial sums lost by
// goroutines that add to one total: the calls of sum return in pairs at one
// instant (exercise.Together), on two processors at least, so that the
// goroutines' total += sum(part) run at the same time, again and again,
// until a partial sum is lost or the runs are done. A correct answer
// gives each goroutine its own slot, and nothing can be lost.
func checkSharedTotal(c *exercise.C, impl ParallelSumFunc) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	// One number per worker: every goroutine's total += sum(part) is a
	// chance for two of them to collide, each pair at its own instant.
	const workers = 256
	nums := make([]int, workers)
	for i := range nums {
		nums[i] = 1 << (i % 16)
	}
	want := 0
	for _, n := range nums {
		want += n
	}
	what := fmt.Sprintf("ParallelSum(%d numbers, %d, sum) again and again, the calls of sum returning in pairs at one instant", len(nums), workers)
	var got, runs int
	c.Call(what, "a goroutine never finishes, or nothing tells the caller it has: wait with a sync.WaitGroup", func() {
		bound := time.Now().Add(2 * c.Patience())
		together := exercise.NewTogether(2, c.Patience()/100)
		for got = want; got == want && runs < collideRuns && time.Now().Before(bound); runs++ {
			sum := func(part []int) int {
				together.Meet()
				total := 0
				for _, n := range part {
					total += n
				}
				return total
			}
			got = impl(slices.Clone(nums), workers, sum)
		}
	})
	if got != want {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("ParallelSum(%d numbers, %d, sum) = %d every time", len(nums), workers, want),
			Got:      fmt.Sprintf("%d in run %d: a partial sum of %d was lost", got, runs, want-got),
			Likely: "the goroutines add to one total, total += sum(part): that is a read of total, an add and a write, and two " +
				"goroutines that finish together both read the old total, so one partial sum is lost (the race detector reports it). " +
				"Give each goroutine its own element of a partial-sums slice, and add them up after wg.Wait()",
		})
	}
}
