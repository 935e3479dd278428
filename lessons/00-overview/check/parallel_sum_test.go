package check_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/lessons/00-overview/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

func sumAll(part []int) int {
	total := 0
	for _, n := range part {
		total += n
	}
	return total
}

func TestParallelSumRejectsSequential(t *testing.T) {
	sequential := func(nums []int, workers int, sum func([]int) int) int {
		total := 0
		for w := range workers {
			total += sum(nums[w*len(nums)/workers : (w+1)*len(nums)/workers])
		}
		return total
	}
	rejected(t, check.ParallelSum.Run(sequential, quick, roomy), "one after the other")
}

func TestParallelSumRejectsDroppingTheRemainder(t *testing.T) {
	dropsRemainder := func(nums []int, workers int, sum func([]int) int) int {
		size := len(nums) / workers
		partial := make([]int, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { partial[w] = sum(nums[w*size : (w+1)*size]) })
		}
		wg.Wait()
		return sumAll(partial)
	}
	rejected(t, check.ParallelSum.Run(dropsRemainder, roomy), "numbers were left out")
}

func TestParallelSumRejectsUnevenParts(t *testing.T) {
	roundedUp := func(nums []int, workers int, sum func([]int) int) int {
		size := (len(nums) + workers - 1) / workers
		partial := make([]int, workers)
		var wg sync.WaitGroup
		for w := range workers {
			lo, hi := min(w*size, len(nums)), min((w+1)*size, len(nums))
			wg.Go(func() { partial[w] = sum(nums[lo:hi]) })
		}
		wg.Wait()
		return sumAll(partial)
	}
	rejected(t, check.ParallelSum.Run(roundedUp, roomy), "rounding the part size up")
}

func TestParallelSumRejectsAGoroutinePerNumber(t *testing.T) {
	unbounded := func(nums []int, workers int, sum func([]int) int) int {
		partial := make([]int, len(nums))
		var wg sync.WaitGroup
		for i := range nums {
			wg.Go(func() { partial[i] = sum(nums[i : i+1]) })
		}
		wg.Wait()
		return sumAll(partial)
	}
	rejected(t, check.ParallelSum.Run(unbounded, roomy), "unbounded")
}

func TestParallelSumRejectsNotWaiting(t *testing.T) {
	var wg sync.WaitGroup
	defer wg.Wait()
	noWait := func(nums []int, workers int, sum func([]int) int) int {
		results := make(chan int, workers)
		for w := range workers {
			wg.Go(func() { results <- sum(nums[w*len(nums)/workers : (w+1)*len(nums)/workers]) })
		}
		return 0 // forgot to receive the partial sums
	}
	rejected(t, check.ParallelSum.Run(noWait, roomy), "nothing waited for the goroutines")
}

func TestParallelSumRejectsASharedTotal(t *testing.T) {
	twoCPUs(t)
	sharedTotal := func(nums []int, workers int, sum func([]int) int) int {
		total := 0
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { total += sum(nums[w*len(nums)/workers : (w+1)*len(nums)/workers]) }) // data race
		}
		wg.Wait()
		return total
	}
	racy(t, func() {
		r := rejectedInSomeRun(t, func() exercise.Result { return check.ParallelSum.Run(sharedTotal, roomy) },
			"the goroutines add to one total, total += sum(part)")
		assert.Contains(t, r.Mistake.Got, "was lost")
	})
}

func TestParallelSumExplainsARaceOnASharedTotal(t *testing.T) {
	sharedTotal := func(nums []int, workers int, sum func([]int) int) int {
		total := 0
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() { total += sum(nums[w*len(nums)/workers : (w+1)*len(nums)/workers]) }) // data race
		}
		wg.Wait()
		return total
	}
	out := exercise.ExpectRace(t, func() { check.ParallelSum.Test(t, sharedTotal, roomy) })
	raceExplained(t, out, "the goroutines add to one total")
}

// strided gives each goroutine every workers-th number: the total is
// right, the parts are not runs of nums. Sorted numbers would not show
// which; the check's are out of order.
func TestParallelSumRejectsStridedParts(t *testing.T) {
	strided := func(nums []int, workers int, sum func([]int) int) int {
		partial := make([]int, workers)
		var wg sync.WaitGroup
		for w := range workers {
			var part []int
			for i := w; i < len(nums); i += workers {
				part = append(part, nums[i])
			}
			if len(part) > 0 {
				wg.Go(func() { partial[w] = sum(part) })
			}
		}
		wg.Wait()
		return sumAll(partial)
	}
	rejected(t, check.ParallelSum.Run(strided, roomy), "the parts are not runs of nums")
}

func TestParallelSumRejectsAddInsideTheGoroutine(t *testing.T) {
	var done sync.WaitGroup
	defer done.Wait()
	addInside := func(nums []int, workers int, sum func([]int) int) int {
		partial := make([]int, workers)
		var wg sync.WaitGroup
		for w := range workers {
			done.Add(1)
			go func() {
				defer done.Done()
				wg.Add(1) // too late: Wait may have returned already
				defer wg.Done()
				partial[w] = sum(nums[w*len(nums)/workers : (w+1)*len(nums)/workers])
			}()
		}
		wg.Wait()
		return sumAll(partial)
	}
	rejected(t, check.ParallelSum.Run(addInside, roomy), "wg.Add(1) runs inside the goroutine")
}

// Sleeping instead of waiting: the check holds the last call of sum until
// the caller waits, and sees it sleep. The partial sums it then reads are
// a data race too, which the race detector reports first.
func TestParallelSumRejectsSleepingInsteadOfWaiting(t *testing.T) {
	var done sync.WaitGroup
	defer done.Wait()
	sleeps := func(nums []int, workers int, sum func([]int) int) int {
		partial := make([]int, workers)
		for w := range workers {
			done.Go(func() { partial[w] = sum(nums[w*len(nums)/workers : (w+1)*len(nums)/workers]) })
		}
		time.Sleep(10 * time.Millisecond) // "long enough"
		return sumAll(partial)
	}
	racy(t, func() { rejected(t, check.ParallelSum.Run(sleeps, roomy), "a sleep instead of a wait") })
}

// receivesOncePerWorker skips the empty parts, but still receives workers
// partial sums: with more workers than numbers it waits for ever.
func TestParallelSumRejectsReceivingMoreThanWasSent(t *testing.T) {
	var wg, calls sync.WaitGroup
	defer wg.Wait()
	stop := make(chan struct{}) // closed once the check has given up: this test ends clean
	receivesOncePerWorker := func(nums []int, workers int, sum func([]int) int) int {
		calls.Add(1) // before Run returns: the check's call runs it at once
		defer calls.Done()
		ch := make(chan int, workers)
		for w := range workers {
			lo, hi := w*len(nums)/workers, (w+1)*len(nums)/workers
			if lo == hi {
				continue
			}
			wg.Go(func() { ch <- sum(nums[lo:hi]) })
		}
		total := 0
		for range workers {
			select {
			case p := <-ch:
				total += p
			case <-stop:
				return total
			}
		}
		return total
	}
	r := check.ParallelSum.Run(receivesOncePerWorker, exercise.WithPatience(100*time.Millisecond))
	close(stop)
	calls.Wait()
	rejected(t, r, "it waits to receive more partial sums than goroutines sent")
}

// addsForEveryWorker counts every worker in the WaitGroup, but starts no
// goroutine for an empty part.
func TestParallelSumRejectsAWaitGroupCountedTooHigh(t *testing.T) {
	release := make(chan struct{})
	var done, calls sync.WaitGroup
	defer done.Wait()
	addsForEveryWorker := func(nums []int, workers int, sum func([]int) int) int {
		calls.Add(1) // before Run returns: the check's call runs it at once
		defer calls.Done()
		partial := make([]int, workers)
		var wg sync.WaitGroup
		wg.Add(workers)
		for w := range workers {
			lo, hi := w*len(nums)/workers, (w+1)*len(nums)/workers
			if lo == hi {
				continue
			}
			go func() { defer wg.Done(); partial[w] = sum(nums[lo:hi]) }()
		}
		if empty := emptyParts(workers, len(nums)); empty > 0 {
			done.Go(func() { <-release; wg.Add(-empty) }) // lets the stuck Wait go once the check has given up
		}
		wg.Wait()
		return sumAll(partial)
	}
	r := check.ParallelSum.Run(addsForEveryWorker, exercise.WithPatience(100*time.Millisecond))
	close(release)
	calls.Wait() // the stuck call returns: this test ends clean
	rejected(t, r, "wg.Wait() waits for more goroutines than ever call Done")
}

// emptyParts is how many of workers parts of n numbers are empty.
func emptyParts(workers, n int) int { return max(workers-n, 0) }
