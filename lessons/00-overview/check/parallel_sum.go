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
		Race: "the goroutines add to one total (total += sum(part)) or append to one slice, with nothing ordering them: " +
			"give each goroutine its own element of a partial-sums slice, and add them up after wg.Wait()",
	},
	Check: checkParallelSum,
}

type sumCase struct {
	nums    []int
	workers int
}

// The cases' numbers are out of order, so that a part which is not a run
// of nums, or a number summed in the wrong part, shows.
var sumCases = []sumCase{
	{nums: []int{7, 3, 10, 1, 8, 5, 2, 9, 6, 4}, workers: 3}, // 10 is not a multiple of 3
	{nums: []int{12, 5, 9, 1, 7, 3, 11, 8, 2, 10, 4, 6}, workers: 4},
	{nums: []int{4, 7, 1, 6, 3, 5, 2}, workers: 1},
	{nums: []int{6, 5}, workers: 4}, // more workers than numbers
	{nums: nil, workers: 2},
}

func checkParallelSum(c *exercise.C, impl ParallelSumFunc) {
	for _, tc := range sumCases {
		checkSumCase(c, impl, tc)
	}
	checkSharedTotal(c, impl)
}

// checkSumCase: the calls of sum meet at a barrier, so they must all run
// at once; the last to arrive, if a goroutine of the answer made it, is
// held until ParallelSum waits for it, so an answer that returns, sleeps or
// polls instead is caught whatever the machine's speed.
func checkSumCase(c *exercise.C, impl ParallelSumFunc, tc sumCase) {
	what := fmt.Sprintf("ParallelSum(%v, %d, sum)", tc.nums, tc.workers)
	together := min(tc.workers, len(tc.nums)) // calls that must run at once
	barrier := exercise.NewBarrier(together, c.Patience())
	var (
		gauge    exercise.Gauge
		returned atomic.Bool  // set once ParallelSum has returned
		late     atomic.Int32 // sum calls that started after that
		arrived  atomic.Int32
		lastCall = newAwaits(c, 1) // the last call to arrive, held until the caller waits
		mu       sync.Mutex
		parts    [][]int // every part the sum function was given
	)
	sum := func(part []int) int {
		leave := gauge.Enter()
		defer leave()
		if returned.Load() {
			late.Add(1)
		}
		mu.Lock()
		parts = append(parts, slices.Clone(part))
		mu.Unlock()
		if len(part) > 0 {
			barrier.Wait()
			if int(arrived.Add(1)) == together {
				lastCall.hold(0)
			}
		}
		total := 0
		for _, n := range part {
			total += n
		}
		return total
	}

	snap := c.Snapshot()
	var got, inFlight int
	c.OnOneProcessor(func() { // goroutines start once the caller blocks: a Wait before their wg.Add shows
		c.CallExplained(what, func() string { return sumStuck(c, &gauge) },
			func() {
				got = impl(slices.Clone(tc.nums), tc.workers, sum)
				returned.Store(true)
			})
		inFlight = gauge.Now()
	})
	if together > 1 && barrier.Broken() {
		likely := "the parts are summed one after the other: start one goroutine per part, then wait for all of them"
		mu.Lock()
		var sizes []int
		filled := 0
		for _, p := range parts {
			sizes = append(sizes, len(p))
			if len(p) > 0 {
				filled++
			}
		}
		mu.Unlock()
		if filled < together && len(parts) >= together {
			likely = fmt.Sprintf("the split leaves fewer parts with numbers in them than there could be (sizes %v): "+
				"len(nums)/workers, rounded down, for every part but the last, which takes the rest. Bound part w by "+
				"w*len(nums)/workers and (w+1)*len(nums)/workers: the sizes then differ by at most one", sizes)
		}
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d calls of sum running at the same time", together),
			Got:      fmt.Sprintf("they never all overlapped (waited %v); at most %d ran at once", c.Patience(), gauge.Peak()),
			Likely:   likely,
		})
	}
	waited := lastCall.seen()
	c.NoGoroutinesLeft(snap, "ParallelSum", "wait for every goroutine you start before returning")
	for _, how := range waited {
		checkSumWaited(c, what, how)
	}
	inFlight += int(late.Load()) // goroutines that started after it returned have finished by now
	if inFlight > 0 {
		c.Fail(sumReturnedEarly(what))
	}

	want := 0
	for _, n := range tc.nums {
		want += n
	}
	mu.Lock()
	defer mu.Unlock()
	var summed, sizes []int
	for _, p := range parts {
		summed = append(summed, p...)
		sizes = append(sizes, len(p))
	}
	switch {
	case gauge.Total() > max(tc.workers, 1):
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most %d calls of sum, one per worker", tc.workers),
			Got:      fmt.Sprintf("%d calls", gauge.Total()),
			Likely:   "a goroutine per number is unbounded: for CPU-bound work more goroutines than cores only adds overhead. Split nums into workers parts",
		})
	case !isPermutation(summed, tc.nums):
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("every number summed exactly once: %v", tc.nums),
			Got:      fmt.Sprintf("sum was given %v", parts),
			Likely:   lostOrTwice(tc.nums, summed),
		})
	case !contiguous(tc.nums, parts):
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d contiguous parts of %v: runs of neighbours, like nums[2:5]", tc.workers, tc.nums),
			Got:      fmt.Sprintf("sum was given %v", parts),
			Likely: "the parts are not runs of nums: every workers-th number (nums[w], nums[w+workers], …), or numbers " +
				"rearranged, sum to the right total but are not the split asked for. Slice nums: part w is " +
				"nums[w*len(nums)/workers : (w+1)*len(nums)/workers]",
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

// sumStuck is the likely mistake of a ParallelSum call that never
// returned, by what its caller waits on while no call of sum runs.
func sumStuck(c *exercise.C, gauge *exercise.Gauge) string {
	if gauge.Now() == 0 {
		switch on := c.CallerWaitsOn(); {
		case on == "chan receive" || on == "select":
			return "it waits to receive more partial sums than goroutines sent: with more workers than numbers some parts are " +
				"empty, and a part you skip sends nothing. Receive once per goroutine you started (count them), or give each its " +
				"own element of a partial-sums slice and wg.Wait()"
		case on == "sync.WaitGroup.Wait":
			return "wg.Wait() waits for more goroutines than ever call Done: a wg.Add(1) for a part you skip (an empty one), or " +
				"wg.Add(workers) with fewer goroutines started. Add one per goroutine you start, or use wg.Go, which counts for you"
		}
	}
	return "a goroutine never finishes, or nothing tells the caller it has: wait with a sync.WaitGroup"
}

// sumReturnedEarly is the mistake of a ParallelSum that returns before its
// goroutines have finished.
func sumReturnedEarly(what string) exercise.Mistake {
	return exercise.Mistake{
		Expected: what + " to return after every part was summed",
		Got:      "it returned while sum calls were still running, or before they had started",
		Likely: "nothing waited for the goroutines: there is no wg.Wait() before adding up the partial sums, or wg.Add(1) " +
			"runs inside the goroutine, where it can come after Wait has already returned. Call wg.Add(1) before the go " +
			"statement, or use wg.Go, which does both",
	}
}

// checkSumWaited fails the check if ParallelSum did not wait for the call
// of sum held until it did.
func checkSumWaited(c *exercise.C, what string, how exercise.Caller) {
	switch how {
	case exercise.CallerReturned:
		c.Fail(sumReturnedEarly(what))
	case exercise.CallerSlept, exercise.CallerSleeping:
		c.Fail(exercise.Mistake{
			Expected: what + " to wait for its goroutines (wg.Wait())",
			Got:      "it slept (time.Sleep) while a call of sum was still running, and returned without waiting for it",
			Likely: "a sleep instead of a wait: a sleep long enough on this machine is too short on a busier one, and nothing " +
				"orders the goroutines' writes before the caller's reads (a data race). Wait with wg.Wait()",
		})
	case exercise.CallerBusy:
		c.Fail(exercise.Mistake{
			Expected: what + " to block until its goroutines are done (wg.Wait())",
			Got:      fmt.Sprintf("while a call of sum was running, it never blocked: it kept running for %v", c.Patience()),
			Likely: "a loop that checks a count the goroutines change (a busy wait): it burns a core that a part needs, and unless " +
				"every read and write of the count holds one lock, it is a data race too. Block in wg.Wait() instead",
		})
	}
}

// contiguous reports whether every part is a run of nums (whose numbers
// are distinct), as nums[lo:hi] is.
func contiguous(nums []int, parts [][]int) bool {
	for _, p := range parts {
		if len(p) == 0 {
			continue
		}
		lo := slices.Index(nums, p[0])
		if lo < 0 || lo+len(p) > len(nums) || !slices.Equal(nums[lo:lo+len(p)], p) {
			return false
		}
	}
	return true
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
