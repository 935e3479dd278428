package check

import (
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// TallyFunc is the signature of exercise 2.
type TallyFunc func(files []string, workers int, size func(file string) int64) (count int, total, largest int64)

// Tally is exercise 2: fix the data race in a function whose workers add
// up shared totals, and keep it concurrent.
var Tally = exercise.Exercise[TallyFunc]{
	Info: exercise.Info{
		Name:    "Tally",
		File:    "lessons/02-threads/exercises/tally.go",
		Section: readme + "#exercise-2-fix-the-race",
		Hint: "count, total and largest change together: guard all three with one sync.Mutex shared by the workers " +
			"(Lock before the update, Unlock after), and leave the call to size outside the lock so the workers still overlap",
		RaceSensitive: true,
		Race: "the workers change count, total and largest with nothing shared ordering them: no lock, a mutex declared inside " +
			"each worker (each locks its own), a read lock (RLock) to write, or atomics for some of the three and a plain " +
			"variable for another. Declare one sync.Mutex before the workers start, and hold it around all three updates",
	},
	Check: checkTally,
}

const (
	tallyFiles   = 20_000
	tallyWorkers = 4
)

func checkTally(c *exercise.C, impl TallyFunc) {
	files := make([]string, tallyFiles)
	sizes := make(map[string]int64, tallyFiles)
	var wantTotal, wantLargest int64
	for i := range files {
		files[i] = fmt.Sprintf("photo-%05d.jpg", i)
		sizes[files[i]] = int64(1000 + i) // each file larger than those before: largest changes with every file
		wantTotal += sizes[files[i]]
		wantLargest = max(wantLargest, sizes[files[i]])
	}
	what := fmt.Sprintf("Tally(%d files, %d workers, size)", tallyFiles, tallyWorkers)

	barrier := exercise.NewBarrier(tallyWorkers, c.Patience())
	var (
		gauge    exercise.Gauge
		first    atomic.Int32 // calls that met at the barrier
		returned atomic.Bool
		late     atomic.Int32
	)
	size := func(file string) int64 {
		defer gauge.Enter()()
		if returned.Load() {
			late.Add(1)
		}
		if first.Add(1) <= tallyWorkers {
			barrier.Wait() // the first calls of the workers meet here
		}
		return sizes[file]
	}

	snap := c.Snapshot()
	var (
		count         int
		total, larges int64
	)
	// Not on one processor: on several, lost updates at least can show
	// without the race detector.
	c.Call(what, "the workers wait for each other forever: a Lock without its Unlock? Use defer mu.Unlock() or unlock right after the update",
		func() {
			count, total, larges = impl(slices.Clone(files), tallyWorkers, size)
			returned.Store(true)
		})
	inFlight := gauge.Now()
	switch {
	case barrier.Broken():
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d calls of size running at the same time, one per worker", tallyWorkers),
			Got:      fmt.Sprintf("they never all overlapped (waited %v); at most %d ran at once", c.Patience(), gauge.Peak()),
			Likely: "the fix made the work sequential: a lock held around size(file) too, or no goroutines at all. " +
				"Lock only around the update of the totals",
		})
	case gauge.Peak() > tallyWorkers:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most %d calls of size at once", tallyWorkers),
			Got:      fmt.Sprintf("%d at once", gauge.Peak()),
			Likely:   "more goroutines than workers: keep the workers that range over the files channel",
		})
	}
	c.NoGoroutinesLeft(snap, "Tally", "a worker is still waiting: close the files channel after sending every file, and wg.Wait() for the workers")
	if inFlight > 0 || late.Load() > 0 {
		c.Fail(exercise.Mistake{
			Expected: what + " to return after every file was measured",
			Got:      "it returned while size calls were still running, or before they had started",
			Likely: "nothing waited for the workers: wg.Wait() for them before reading the totals (with wg.Add(1) before each " +
				"go statement, not inside the worker; or wg.Go, as the stub has)",
		})
	}
	if count != tallyFiles || total != wantTotal || larges != wantLargest {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("count %d, total %d, largest %d", tallyFiles, wantTotal, wantLargest),
			Got:      fmt.Sprintf("count %d, total %d, largest %d", count, total, larges),
			Likely:   lostUpdates(count == tallyFiles && total == wantTotal),
		})
	}
	checkTallyCollisions(c, impl)
}
