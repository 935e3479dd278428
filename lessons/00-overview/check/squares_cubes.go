package check

import (
	"fmt"
	"slices"
	"sync/atomic"

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
		Race: "the goroutines and the caller share a variable with nothing ordering them: a flag or count of finished loops, " +
			"results read before wg.Wait() returns, one slice both loops append to, or one map both write (without -race, a run " +
			"of the loops in step on two CPUs makes the runtime stop that with fatal error: concurrent map writes). Let each " +
			"goroutine write only its own slice, and read them after wg.Wait()",
	},
	Check: checkSquaresAndCubes,
}

var (
	seedNumbers = []int{2, 3, 8, 9}
	seedSquares = []int{4, 9, 64, 81}
	seedCubes   = []int{8, 27, 512, 729}
	// shuffled are numbers out of order, so that results sorted (or in
	// any order but the numbers') are told apart from results in order.
	shuffled = []int{9, 2, 8, 3}
)

// probe is the square or cube function the check hands to the learner: it
// counts calls, notices calls made after the learner's function returned,
// and can hold a call back before it computes.
type probe struct {
	calc     func(int) int
	hold     func(n, arrival int) // nil: no holding back; arrival counts from 1
	gauge    exercise.Gauge
	returned *atomic.Bool // set once the learner's function has returned
	late     atomic.Int32 // calls that started after that
	arrived  atomic.Int32 // calls so far
}

func newProbe(calc func(int) int, returned *atomic.Bool, hold func(n, arrival int)) *probe {
	return &probe{calc: calc, hold: hold, returned: returned}
}

func (p *probe) call(n int) int {
	leave := p.gauge.Enter()
	defer leave()
	if p.returned.Load() {
		p.late.Add(1)
	}
	arrival := int(p.arrived.Add(1))
	if p.hold != nil {
		p.hold(n, arrival)
	}
	return p.calc(n)
}

func square(n int) int { return n * n }
func cube(n int) int   { return n * n * n }

const squaresWhat = "SquaresAndCubes([2 3 8 9], square, cube)"

// returnedEarly is the mistake of an answer that returns before its
// goroutines have finished.
var returnedEarly = exercise.Mistake{
	Expected: "SquaresAndCubes to return after both loops have finished",
	Got:      "it returned while square or cube calls were still running, or before they had started",
	Likely: "nothing waited for the goroutines: there is no wg.Wait() (or receive of their results) before the return, " +
		"or wg.Add(1) runs inside the goroutine, where it can come after Wait has already returned. " +
		"Call wg.Add(1) before the go statement, or use wg.Go, which does both",
}

func checkSquaresAndCubes(c *exercise.C, impl SquaresAndCubesFunc) {
	checkSideBySide(c, impl)
	checkOrder(c, impl)
	checkInStep(c, impl)
}

// checkSideBySide: the first square call and the first cube call meet at a
// barrier, so they must run at the same time; the last call of each loop
// made from a goroutine of the answer is held until SquaresAndCubes waits
// for it, so an answer that returns, sleeps or polls instead is caught
// whatever the machine's speed.
func checkSideBySide(c *exercise.C, impl SquaresAndCubesFunc) {
	var returned atomic.Bool
	barrier := exercise.NewBarrier(2, c.Patience())
	lastCall := newAwaits(c, 2) // each loop's last call, held until the caller waits
	hold := func(loop int) func(int, int) {
		return func(_, arrival int) {
			if arrival == 1 {
				barrier.Wait()
			}
			if arrival == len(seedNumbers) {
				lastCall.hold(loop)
			}
		}
	}
	sq, cu := newProbe(square, &returned, hold(0)), newProbe(cube, &returned, hold(1))
	snap := c.Snapshot()
	var (
		squares, cubes []int
		inFlight       int
	)
	c.OnOneProcessor(func() { // goroutines start once the caller blocks: a Wait before their wg.Add shows
		c.Call(squaresWhat, "the loops wait for each other, or for something that never comes: "+
			"check that every goroutine can finish and that you wait only for what will happen",
			func() {
				squares, cubes = impl(slices.Clone(seedNumbers), sq.call, cu.call)
				returned.Store(true)
			})
		inFlight = sq.gauge.Now() + cu.gauge.Now()
	})

	if barrier.Broken() {
		c.Fail(exercise.Mistake{
			Expected: "the square loop and the cube loop running at the same time",
			Got:      fmt.Sprintf("the first square call and the first cube call never overlapped (waited %v)", c.Patience()),
			Likely:   "the loops run one after the other: start each loop in its own goroutine before waiting for either",
		})
	}
	waited := lastCall.seen()
	c.NoGoroutinesLeft(snap, "SquaresAndCubes",
		"a goroutine is stuck sending a result that nobody receives: receive from every goroutine you start, or give each its own slice to fill")
	for _, how := range waited {
		checkCallerWaited(c, how)
	}
	if inFlight > 0 || sq.late.Load()+cu.late.Load() > 0 {
		c.Fail(returnedEarly)
	}
	checkResults(c, squares, cubes, sq.gauge.Total(), cu.gauge.Total())
}

// checkCallerWaited fails the check if the learner's function did not wait
// for a loop's last call, held until it did: it returned, slept or polled.
func checkCallerWaited(c *exercise.C, how exercise.Caller) {
	switch how {
	case exercise.CallerReturned:
		c.Fail(returnedEarly)
	case exercise.CallerSlept, exercise.CallerSleeping:
		c.Fail(exercise.Mistake{
			Expected: "SquaresAndCubes to wait for its goroutines (wg.Wait(), or a receive of their results)",
			Got:      "it slept (time.Sleep) while a loop's last call was still running, and returned without waiting for it",
			Likely: "a sleep instead of a wait: a sleep long enough on this machine is too short on a busier one, " +
				"and nothing orders the goroutines' writes before the caller's reads (a data race). Wait with wg.Wait()",
		})
	case exercise.CallerBusy:
		c.Fail(exercise.Mistake{
			Expected: "SquaresAndCubes to block until its goroutines are done (wg.Wait(), or a receive of their results)",
			Got:      fmt.Sprintf("while a loop's last call was running, it never blocked: it kept running for %v", c.Patience()),
			Likely: "a loop that checks a variable the goroutines set (a busy wait): it burns a core while it waits, and unless " +
				"every read and write of that variable holds one lock, it is a data race too. Block in wg.Wait() instead",
		})
	}
}

// checkOrder: the numbers are out of order, and the check lets the calls
// of the highest-placed numbers finish first, so results kept in the order
// they finish, or sorted, come back out of order.
func checkOrder(c *exercise.C, impl SquaresAndCubesFunc) {
	what := fmt.Sprintf("SquaresAndCubes(%v, square, cube)", shuffled)
	var returned atomic.Bool
	g := exercise.NewGate(c, 2*len(shuffled), 2*len(shuffled))
	hold := func(n, _ int) {
		h := g.Enter(slices.Index(shuffled, n), 1)
		defer g.Leave(h)
		<-h.Released()
	}
	sq, cu := newProbe(square, &returned, hold), newProbe(cube, &returned, hold)
	d := g.Drive(exercise.HighestKeyFirst)
	defer d.Finish()
	var squares, cubes []int
	c.Call(what, "", func() {
		squares, cubes = impl(slices.Clone(shuffled), sq.call, cu.call)
		returned.Store(true)
	})
	inFlight := sq.gauge.Now() + cu.gauge.Now()
	d.Finish()
	if inFlight > 0 || sq.late.Load()+cu.late.Load() > 0 {
		c.Fail(exercise.Mistake{
			Expected: what + " to return after both loops have finished",
			Got:      "it returned while the check still held square or cube calls (it lets them finish one by one)",
			Likely: "it gave up waiting for its goroutines: a wait with a timeout (a select on time.After) returns whatever is " +
				"done when the time is up, and a busy machine can take longer than any timeout. Wait with wg.Wait() alone " +
				"(or, with no wait at all, add one)",
		})
	}
	wantSquares, wantCubes := loop(shuffled, square), loop(shuffled, cube)
	if slices.Equal(squares, wantSquares) && slices.Equal(cubes, wantCubes) {
		return
	}
	likely := "results are collected in the order they finish: store each result at its number's index instead"
	if slices.IsSorted(squares) && slices.IsSorted(cubes) && isPermutation(squares, wantSquares) {
		likely = "the results are sorted, and the numbers were not: a sort after collecting them in the order they " +
			"finish only looks right when the numbers come sorted. Store each result at its number's index instead"
	}
	c.Fail(exercise.Mistake{
		Expected: fmt.Sprintf("squares %v and cubes %v, in the order of the numbers %v", wantSquares, wantCubes, shuffled),
		Got:      fmt.Sprintf("squares %v and cubes %v (the calls for the later numbers finished first)", squares, cubes),
		Likely:   likely,
	})
}

func loop(nums []int, f func(int) int) []int {
	out := make([]int, len(nums))
	for i, n := range nums {
		out[i] = f(n)
	}
	return out
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
