package check

import (
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// SquaresAndCubesFunc is the signature of exercise 1.
type SquaresAndCubesFunc func(nums []int, square, cube func(int) int) (squares, cubes []int)

// SquaresAndCubes is exercise 1: run the square loop and the cube loop side
// by side, wait for both, and return both results — the fix for the seed's
// lost square_result.
var SquaresAndCubes = exercise.Exercise[SquaresAndCubesFunc]{
	Info: exercise.Info{
		Name:    "SquaresAndCubes",
		File:    "lessons/00-overview/exercises/squares_cubes.go",
		Section: readme + "#exercise-1-squares-and-cubes-side-by-side",
		Hint: "start one goroutine per loop with a sync.WaitGroup (wg.Go), let each goroutine fill its own slice, " +
			"and return after wg.Wait()",
		RaceSensitive: true,
	},
	Check: checkSquaresAndCubes,
}

var (
	seedNumbers = []int{2, 3, 8, 9}
	seedSquares = []int{4, 9, 64, 81}
	seedCubes   = []int{8, 27, 512, 729}
)

// probe is the square or cube function the check hands to the learner: it
// counts calls, notices calls made after the learner's function returned,
// and can hold a call back before it computes.
type probe struct {
	calc     func(int) int
	hold     func(p *probe, n int, first bool) // nil: no holding back
	gauge    exercise.Gauge
	returned *atomic.Bool  // set once the learner's function has returned
	late     atomic.Int32  // calls that started after that
	started  atomic.Bool   // whether a call has started
	finished chan struct{} // one token per finished call, while there is room
}

func newProbe(calc func(int) int, returned *atomic.Bool, hold func(*probe, int, bool)) *probe {
	return &probe{calc: calc, hold: hold, returned: returned, finished: make(chan struct{}, 64)}
}

func (p *probe) call(n int) int {
	leave := p.gauge.Enter()
	defer leave()
	if p.returned.Load() {
		p.late.Add(1)
	}
	first := p.started.CompareAndSwap(false, true)
	if p.hold != nil {
		p.hold(p, n, first)
	}
	r := p.calc(n)
	select {
	case p.finished <- struct{}{}:
	default:
	}
	return r
}

func square(n int) int { return n * n }
func cube(n int) int   { return n * n * n }

// holdFirstNumber makes the call for the first number wait until the calls
// for the other numbers have finished — at once if they run concurrently —
// or for a moment, for a loop that handles one number at a time. Collecting
// results in the order they finish then puts the first number's result last.
func holdFirstNumber(nums []int) func(*probe, int, bool) {
	others := len(nums) - 1
	return func(p *probe, n int, _ bool) {
		if n != nums[0] {
			return
		}
		timer := time.NewTimer(200 * time.Millisecond)
		defer timer.Stop()
		for range others {
			select {
			case <-p.finished:
			case <-timer.C:
				return
			}
		}
	}
}

func checkSquaresAndCubes(c *exercise.C, impl SquaresAndCubesFunc) {
	const what = "SquaresAndCubes([2 3 8 9], square, cube)"

	// Run 1: the first square call and the first cube call must be running
	// at the same time.
	var returned atomic.Bool
	barrier := exercise.NewBarrier(2, c.Patience())
	meet := func(_ *probe, _ int, first bool) {
		if first {
			barrier.Wait()
		}
	}
	sq, cu := newProbe(square, &returned, meet), newProbe(cube, &returned, meet)
	snap := c.Snapshot()
	var squares, cubes []int
	c.Call(what, "the loops wait for each other, or for something that never comes: "+
		"check that every goroutine can finish and that you wait only for what will happen",
		func() {
			squares, cubes = impl(slices.Clone(seedNumbers), sq.call, cu.call)
			returned.Store(true)
		})
	inFlight := sq.gauge.Now() + cu.gauge.Now()

	if barrier.Broken() {
		c.Fail(exercise.Mistake{
			Expected: "the square loop and the cube loop running at the same time",
			Got:      fmt.Sprintf("the first square call and the first cube call never overlapped (waited %v)", c.Patience()),
			Likely:   "the loops run one after the other: start each loop in its own goroutine before waiting for either",
		})
	}
	c.NoGoroutinesLeft(snap, "SquaresAndCubes",
		"a goroutine is stuck sending a result that nobody receives: receive from every goroutine you start, or give each its own slice to fill")
	if inFlight > 0 || sq.late.Load()+cu.late.Load() > 0 {
		c.Fail(exercise.Mistake{
			Expected: "SquaresAndCubes to return after both loops have finished",
			Got:      "it returned while square or cube calls were still running, or not yet started",
			Likely:   "nothing waits for the goroutines: call wg.Wait() (or receive their results) before returning",
		})
	}
	checkResults(c, squares, cubes, sq.gauge.Total(), cu.gauge.Total())

	// Run 2: results must be in the order of the numbers even when the
	// first number is the slowest.
	var returned2 atomic.Bool
	hold := holdFirstNumber(seedNumbers)
	sq, cu = newProbe(square, &returned2, hold), newProbe(cube, &returned2, hold)
	c.Call(what, "", func() {
		squares, cubes = impl(slices.Clone(seedNumbers), sq.call, cu.call)
		returned2.Store(true)
	})
	if !slices.Equal(squares, seedSquares) || !slices.Equal(cubes, seedCubes) {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("squares %v and cubes %v in the order of the numbers, even when the first number is the slowest", seedSquares, seedCubes),
			Got:      fmt.Sprintf("squares %v and cubes %v", squares, cubes),
			Likely:   "results are collected in the order they finish: store each result at its number's index instead",
		})
	}
}

func checkResults(c *exercise.C, squares, cubes []int, squareCalls, cubeCalls int) {
	if slices.Equal(squares, seedSquares) && slices.Equal(cubes, seedCubes) {
		return
	}
	likely := "a result was lost on its way back to the caller: each goroutine must store its results somewhere the caller reads after waiting"
	switch {
	case squareCalls != len(seedNumbers) || cubeCalls != len(seedNumbers):
		likely = fmt.Sprintf("square was called %d times and cube %d times, but once per number was expected", squareCalls, cubeCalls)
	case isPermutation(squares, seedSquares) && isPermutation(cubes, seedCubes):
		likely = "results are collected in the order they finish: store each result at its number's index instead"
	case len(squares) == 0 || len(cubes) == 0:
		likely = "the goroutine computed its results but they never reached the caller (the seed's empty square_result): " +
			"let it write to a variable the caller returns after wg.Wait()"
	}
	c.Fail(exercise.Mistake{
		Expected: fmt.Sprintf("squares %v and cubes %v", seedSquares, seedCubes),
		Got:      fmt.Sprintf("squares %v and cubes %v", squares, cubes),
		Likely:   likely,
	})
}

func isPermutation(a, b []int) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
