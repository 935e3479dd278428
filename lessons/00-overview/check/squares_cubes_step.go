package check

import (
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// inStep is how many numbers checkInStep gives, and inStepRuns how many
// times: two writes of one map from the two loops met in 20 of 20 runs of
// 50 000 steps on an idle 2-core machine and in 19 of 20 with both cores
// busy (a run takes 16 to 40 ms).
const (
	inStep     = 50_000
	inStepRuns = 3
)

// checkInStep runs exercise 1 on many numbers with square and cube in
// step: the k-th call of each waits for the k-th call of the other, so on
// two CPUs the loops go on from each number at the same moment. What they
// then write to one variable of the answer's with no lock collides: one
// slice both append to loses results (named here), and one map both write
// makes the runtime end the program with "fatal error: concurrent map
// writes" (which the playground's check explains). On one CPU nothing can
// be forced: the run is skipped. Loops that do not run side by side are
// let go after the patience (checkSideBySide has named them).
func checkInStep(c *exercise.C, impl SquaresAndCubesFunc) {
	if runtime.NumCPU() < 2 {
		return
	}
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	var squares, cubes atomic.Int64 // calls so far
	var apart atomic.Bool           // a call waited out the patience: stop stepping
	patience := c.Patience()
	step := func(mine, other *atomic.Int64) {
		k := mine.Add(1)
		var start time.Time
		for i := 0; other.Load() < k && !apart.Load(); i++ {
			if i < 200 {
				continue // spin a little first: the other is most often a step away
			}
			if start.IsZero() {
				start = time.Now()
			} else if time.Since(start) > patience {
				apart.Store(true)
			}
			runtime.Gosched()
		}
	}
	steps, runs := inStep, inStepRuns
	if exercise.RaceEnabled { // the race detector sees the collision in a few steps, and makes each one slow
		steps, runs = 2000, 1
	}
	nums := make([]int, steps)
	for i := range nums {
		nums[i] = i % 100
	}
	what := fmt.Sprintf("SquaresAndCubes(%d numbers, square, cube) with each square call waiting for the cube call "+
		"of the same number, and the other way round, on %d CPUs", len(nums), runtime.GOMAXPROCS(0))
	for range runs {
		squares.Store(0)
		cubes.Store(0)
		var gotSquares, gotCubes []int
		c.Call(what, "", func() {
			gotSquares, gotCubes = impl(slices.Clone(nums),
				func(n int) int { step(&squares, &cubes); return square(n) },
				func(n int) int { step(&cubes, &squares); return cube(n) })
		})
		if apart.Load() {
			return
		}
		if !slices.Equal(gotSquares, loop(nums, square)) || !slices.Equal(gotCubes, loop(nums, cube)) {
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("%d squares and %d cubes, in the order of the numbers", len(nums), len(nums)),
				Got: fmt.Sprintf("%d squares and %d cubes, not all right (the loops ran at the same moment)",
					len(gotSquares), len(gotCubes)),
				Likely: "both goroutines write one variable with nothing ordering them (one slice both append to, a map, a " +
					"shared index): two writes at the same moment, and one is lost. Let each goroutine write only its own " +
					"slice, and read them after wg.Wait()",
			})
		}
	}
}
