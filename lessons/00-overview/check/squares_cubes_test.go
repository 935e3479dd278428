package check_test

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/lessons/00-overview/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

func TestSquaresAndCubesRejectsOneLoopAfterTheOther(t *testing.T) {
	sequential := func(nums []int, square, cube func(int) int) ([]int, []int) {
		return loop(nums, square), loop(nums, cube)
	}
	rejected(t, check.SquaresAndCubes.Run(sequential, quick, roomy), "one after the other")
}

func TestSquaresAndCubesRejectsNotWaiting(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait() // this test waits for what the wrong answer does not
	forgetsToReceive := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		results := make(chan []int, 2)
		wg.Go(func() { results <- loop(nums, square) })
		wg.Go(func() { results <- loop(nums, cube) })
		return squares, cubes // returns before the goroutines finish, and never receives
	}
	r := check.SquaresAndCubes.Run(forgetsToReceive, roomy)
	rejected(t, r, "nothing waited for the goroutines")
}

// wg.Add inside the goroutine: when Wait runs before either Add, it sees a
// count of zero and returns at once. The check makes sure it does, by
// running the answer on one processor, where the goroutines start only once
// the caller blocks. (The check's hold orders the late writes after the
// return, so the race detector has nothing to report.)
func TestSquaresAndCubesRejectsAddInsideTheGoroutine(t *testing.T) {
	var done sync.WaitGroup
	defer done.Wait()
	addInside := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		var wg sync.WaitGroup
		done.Add(2)
		go func() { defer done.Done(); wg.Add(1); defer wg.Done(); squares = loop(nums, square) }()
		go func() { defer done.Done(); wg.Add(1); defer wg.Done(); cubes = loop(nums, cube) }()
		wg.Wait()
		return squares, cubes
	}
	rejected(t, check.SquaresAndCubes.Run(addInside, roomy), "wg.Add(1) runs inside the goroutine")
}

func TestSquaresAndCubesRejectsALeakedGoroutine(t *testing.T) {
	var (
		mu      sync.Mutex
		pending []chan []int
	)
	firstOneWins := func(nums []int, square, cube func(int) int) ([]int, []int) {
		squares, cubes := make(chan []int), make(chan []int) // unbuffered
		mu.Lock()
		pending = append(pending, squares, cubes)
		mu.Unlock()
		go func() { squares <- loop(nums, square) }()
		go func() { cubes <- loop(nums, cube) }()
		select { // the loser blocks on its send forever
		case s := <-squares:
			return s, nil
		case c := <-cubes:
			return nil, c
		}
	}
	r := check.SquaresAndCubes.Run(firstOneWins, roomy)
	// Unblock the goroutine the wrong answer leaked, so this package ends clean.
	for _, ch := range pending {
		select {
		case <-ch:
		default:
		}
	}
	rejected(t, r, "stuck sending a result that nobody receives")
	assert.Contains(t, r.Mistake.Got, "chan send")
}

// collect runs f on every number in a goroutine of its own and keeps the
// results in the order they arrive.
func collect(nums []int, f func(int) int) []int {
	ch := make(chan int, len(nums))
	for _, n := range nums {
		go func() { ch <- f(n) }()
	}
	out := make([]int, 0, len(nums))
	for range nums {
		out = append(out, <-ch)
	}
	return out
}

func TestSquaresAndCubesRejectsResultsInFinishingOrder(t *testing.T) {
	finishingOrder := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		var wg sync.WaitGroup
		wg.Go(func() { squares = collect(nums, square) })
		wg.Go(func() { cubes = collect(nums, cube) })
		wg.Wait()
		return squares, cubes
	}
	rejected(t, check.SquaresAndCubes.Run(finishingOrder, roomy), "in the order they finish")
}

// Sorting results kept in finishing order looks right for the seed's
// numbers, which are sorted: the check's other numbers are not.
func TestSquaresAndCubesRejectsSortedResults(t *testing.T) {
	sorted := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		var wg sync.WaitGroup
		wg.Go(func() { squares = collect(nums, square); slices.Sort(squares) })
		wg.Go(func() { cubes = collect(nums, cube); slices.Sort(cubes) })
		wg.Wait()
		return squares, cubes
	}
	r := check.SquaresAndCubes.Run(sorted, roomy)
	rejected(t, r, "the results are sorted, and the numbers were not")
	assert.Equal(t, "squares [4 9 64 81] and cubes [8 27 512 729] (the calls for the later numbers finished first)", r.Mistake.Got)
}

// A busy wait, whose done counter is also a data race: the check sees the
// caller never block, without the race detector.
func TestSquaresAndCubesRejectsABusyWait(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait()
	busyWait := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		var mu sync.Mutex // the count is guarded, the busy wait is the mistake
		done := 0
		finish := func() { mu.Lock(); done++; mu.Unlock() }
		wg.Go(func() { squares = loop(nums, square); finish() })
		wg.Go(func() { cubes = loop(nums, cube); finish() })
		for {
			mu.Lock()
			d := done
			mu.Unlock()
			if d == 2 {
				return squares, cubes
			}
			runtime.Gosched()
		}
	}
	r := check.SquaresAndCubes.Run(busyWait, quick, roomy)
	rejected(t, r, "a busy wait")
	assert.Equal(t, "while a loop's last call was running, it never blocked: it kept running for 50ms", r.Mistake.Got)
}

// Sleeping instead of waiting: the check holds a loop's last call until the
// caller waits, and sees it sleep, then return.
func TestSquaresAndCubesRejectsSleepingInsteadOfWaiting(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait()
	sleeps := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		wg.Go(func() { squares = loop(nums, square) })
		wg.Go(func() { cubes = loop(nums, cube) })
		time.Sleep(10 * time.Millisecond) // "long enough"
		return squares, cubes
	}
	rejected(t, check.SquaresAndCubes.Run(sleeps, roomy), "a sleep instead of a wait")
}

// The seed's bug in Go: the goroutine fills a variable of its own, and the
// caller returns one that stayed empty.
func TestSquaresAndCubesRejectsALostResult(t *testing.T) {
	lost := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		var wg sync.WaitGroup
		wg.Go(func() { squares := loop(nums, square); _ = squares }) // := declares a new squares
		wg.Go(func() { cubes = loop(nums, cube) })
		wg.Wait()
		return squares, cubes
	}
	rejected(t, check.SquaresAndCubes.Run(lost, roomy), "never reached the caller")
}

// A wait with a timeout: it returns whatever is done when the time is up.
// The check holds the calls, and lets them finish one by one, for longer
// than a short timeout lasts (on a busy machine, any timeout can pass).
func TestSquaresAndCubesRejectsAWaitWithATimeout(t *testing.T) {
	var loops sync.WaitGroup // the test's, so that no loop is left behind
	defer loops.Wait()
	timesOut := func(nums []int, square, cube func(int) int) ([]int, []int) {
		sq, cu := make([]int, len(nums)), make([]int, len(nums))
		loops.Add(2)
		go func() {
			defer loops.Done()
			for i, n := range nums {
				sq[i] = square(n)
			}
		}()
		go func() {
			defer loops.Done()
			for i, n := range nums {
				cu[i] = cube(n)
			}
		}()
		done := make(chan struct{})
		go func() { loops.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Millisecond): // "don't hang forever"
		}
		return sq, cu
	}
	rejected(t, check.SquaresAndCubes.Run(timesOut, roomy), "a wait with a timeout", "nothing waited for the goroutines")
}

// One map both loops write, keyed by number: right results whenever the
// writes do not meet, and no lock. The run of the loops in step on two CPUs
// makes two writes meet, and the runtime ends the program.
func TestSquaresAndCubesRejectsOneMapBothWrite(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("the loops can be made to write at the same moment only on two CPUs or more")
	}
	oneMap := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		results := map[int]int{}
		var wg sync.WaitGroup
		wg.Go(func() {
			for i, n := range nums {
				results[2*i] = square(n) // no lock
			}
		})
		wg.Go(func() {
			for i, n := range nums {
				results[2*i+1] = cube(n)
			}
		})
		wg.Wait()
		for i := range nums {
			squares = append(squares, results[2*i])
			cubes = append(cubes, results[2*i+1])
		}
		return squares, cubes
	}
	exercise.ExpectCrash(t, "concurrent map writes", func() {
		for range 3 { // each check run is 3 runs in step; 2 in 20 showed nothing under load
			check.SquaresAndCubes.Test(t, oneMap)
		}
	})
}

// One slice both loops append to, each result with its number's index and
// the loop's name, sorted out after the wait: right whenever the appends do
// not meet. In step on two CPUs, two appends meet and one is lost.
func TestSquaresAndCubesRejectsOneSliceBothAppendTo(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("the loops can be made to append at the same moment only on two CPUs or more")
	}
	type result struct{ cube, i, v int }
	oneSlice := func(nums []int, square, cube func(int) int) (squares, cubes []int) {
		var all []result
		var wg sync.WaitGroup
		wg.Go(func() {
			for i, n := range nums {
				v := square(n)
				all = append(all, result{0, i, v}) // no lock
			}
		})
		wg.Go(func() {
			for i, n := range nums {
				v := cube(n)
				all = append(all, result{1, i, v})
			}
		})
		wg.Wait()
		squares, cubes = make([]int, len(nums)), make([]int, len(nums))
		for _, r := range all {
			if r.cube == 1 {
				cubes[r.i] = r.v
			} else {
				squares[r.i] = r.v
			}
		}
		return squares, cubes
	}
	if exercise.RaceEnabled {
		exercise.RejectedOrRaceReported(t, check.SquaresAndCubes, oneSlice, "both goroutines write one variable with nothing ordering them",
			"the goroutines and the caller share a variable")
		return
	}
	for range 3 { // each check run is 3 runs in step, in each of which an append is lost most of the time
		if r := check.SquaresAndCubes.Run(oneSlice); r.Status != exercise.Passed {
			rejected(t, r, "both goroutines write one variable with nothing ordering them")
			return
		}
	}
	t.Fatal("nine runs of the loops in step lost no append")
}
