package check

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// ParallelSumFunc is the signature of exercise 4.
type ParallelSumFunc func(nums []int, workers int, sum func(part []int) int) int

// ParallelSum is exercise 4: split a CPU-bound job across a fixed number of
// goroutines and combine their results.
var ParallelSum = exercise.Exercise[ParallelSumFunc]{
	Info: exercise.Info{
		Name:    "ParallelSum",
		File:    "lessons/00-overview/exercises/parallel_sum.go",
		Section: readme + "#exercise-4-split-a-cpu-bound-job",
		Hint: "part w is nums[w*len(nums)/workers : (w+1)*len(nums)/workers]; give each goroutine its own " +
			"element of a partial-sums slice, wait, then add the partial sums",
		RaceSensitive: true,
	},
	Check: checkParallelSum,
}

type sumCase struct {
	nums    []int
	workers int
}

func checkParallelSum(c *exercise.C, impl ParallelSumFunc) {
	for _, tc := range []sumCase{
		{nums: seq(1, 10), workers: 3}, // 10 is not a multiple of 3
		{nums: seq(1, 12), workers: 4},
		{nums: seq(1, 7), workers: 1},
		{nums: []int{5, 6}, workers: 4}, // more workers than numbers
		{nums: nil, workers: 2},
	} {
		checkSumCase(c, impl, tc)
	}
}

func checkSumCase(c *exercise.C, impl ParallelSumFunc, tc sumCase) {
	what := fmt.Sprintf("ParallelSum(%v, %d, sum)", tc.nums, tc.workers)
	together := min(tc.workers, len(tc.nums)) // calls that must run at once
	barrier := exercise.NewBarrier(together, c.Patience())
	var (
		gauge    exercise.Gauge
		returned atomic.Bool  // set once ParallelSum has returned
		late     atomic.Int32 // sum calls that started after that
		mu       sync.Mutex
		summed   []int // every number the sum function was given
		sizes    []int // the length of each part
	)
	sum := func(part []int) int {
		leave := gauge.Enter()
		defer leave()
		if returned.Load() {
			late.Add(1)
		}
		mu.Lock()
		summed = append(summed, part...)
		sizes = append(sizes, len(part))
		mu.Unlock()
		if len(part) > 0 {
			barrier.Wait()
		}
		total := 0
		for _, n := range part {
			total += n
		}
		return total
	}

	snap := c.Snapshot()
	var got int
	c.Call(what, "a goroutine never finishes, or nothing tells the caller it has: wait with a sync.WaitGroup",
		func() {
			got = impl(slices.Clone(tc.nums), tc.workers, sum)
			returned.Store(true)
		})
	inFlight := gauge.Now()
	c.NoGoroutinesLeft(snap, "ParallelSum", "wait for every goroutine you start before returning")
	inFlight += int(late.Load()) // goroutines that started after it returned have finished by now

	want := 0
	for _, n := range tc.nums {
		want += n
	}
	mu.Lock()
	defer mu.Unlock()
	slices.Sort(summed)
	switch {
	case inFlight > 0:
		c.Fail(exercise.Mistake{
			Expected: what + " to return after every part was summed",
			Got:      "it returned while sum calls were still running",
			Likely:   "nothing waits for the goroutines: wg.Wait() before adding up the partial sums",
		})
	case together > 1 && barrier.Broken():
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d calls of sum running at the same time", together),
			Got:      fmt.Sprintf("they never all overlapped (waited %v); at most %d ran at once", c.Patience(), gauge.Peak()),
			Likely:   "the parts are summed one after the other: start one goroutine per part, then wait for all of them",
		})
	case gauge.Total() > max(tc.workers, 1):
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most %d calls of sum, one per worker", tc.workers),
			Got:      fmt.Sprintf("%d calls", gauge.Total()),
			Likely:   "a goroutine per number is unbounded: for CPU-bound work more goroutines than cores only adds overhead. Split nums into workers parts",
		})
	case !slices.Equal(summed, tc.nums):
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("every number summed exactly once: %v", tc.nums),
			Got:      fmt.Sprintf("sum was given %v", summed),
			Likely:   lostOrTwice(tc.nums, summed),
		})
	case uneven(sizes):
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d parts as even as they can be (sizes differing by at most 1)", tc.workers),
			Got:      fmt.Sprintf("parts of sizes %v", sizes),
			Likely: "rounding the part size up leaves the last part short: with w*len(nums)/workers as the bounds, " +
				"the sizes differ by at most one, so no core waits long for the slowest",
		})
	case got != want:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%s = %d", what, want),
			Got:      fmt.Sprintf("%d", got),
			Likely:   "a partial sum was lost when combining: give each goroutine its own slot in a slice and add them up after wg.Wait()",
		})
	}
}

// uneven reports parts (empty ones aside) whose sizes differ by more than one.
func uneven(sizes []int) bool {
	sizes = slices.DeleteFunc(slices.Clone(sizes), func(n int) bool { return n == 0 })
	return len(sizes) > 0 && slices.Max(sizes)-slices.Min(sizes) > 1
}

func lostOrTwice(want, got []int) string {
	if len(got) < len(want) {
		return "numbers were left out: with len(nums) not a multiple of workers, len(nums)/workers per part drops the rest. " +
			"Use w*len(nums)/workers as the bounds"
	}
	return "some numbers were summed twice: the parts overlap"
}

func seq(from, to int) []int {
	var s []int
	for n := from; n <= to; n++ {
		s = append(s, n)
	}
	return s
}
