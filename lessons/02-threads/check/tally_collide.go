package check

import (
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

const (
	collideRuns    = 2000 // at most; two patiences bound them too
	collideFiles   = 64   // in one run of four; the other three have 2
	collideWorkers = 2
)

// checkTallyCollisions finds, without the race detector, the updates that
// unguarded workers lose: the calls of size return in pairs at one instant
// (exercise.Together), on two processors at least, so that two workers
// update the totals at the same time, again and again, until an update is
// lost or the runs are done. The files come largest first: the first two
// both beat largest's zero, and if the smaller write lands last, no later
// file puts it right. That is one chance per run, so three runs in four
// have only those two files, and are quick; the runs of 64 lose count and
// total. A shared mutex around the updates loses nothing. The window of a
// check-then-write on largest is a few instructions wide: these runs find
// it in most checks, not all, and the race detector (which :check runs
// where cgo is available) in every one.
func checkTallyCollisions(c *exercise.C, impl TallyFunc) {
	if runtime.GOMAXPROCS(0) < 2 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	}
	files := make([]string, collideFiles)
	sizes := make(map[string]int64, collideFiles)
	for i := range files {
		files[i] = fmt.Sprintf("scan-%02d.png", i)
		sizes[files[i]] = int64(5000 - i) // largest first
	}
	what := fmt.Sprintf("Tally(%d files, then 2, %d workers, size) again and again, the calls of size returning in pairs at one instant",
		collideFiles, collideWorkers)
	var (
		count                 int
		total, larges         int64
		runs, n               int
		wantTotal, wantLargst int64
	)
	c.Call(what, "the workers wait for each other forever: a Lock without its Unlock? Use defer mu.Unlock() or unlock right after the update",
		func() {
			together := exercise.NewTogether(2, c.Patience()/100)
			size := func(file string) int64 {
				together.Meet()
				return sizes[file]
			}
			bound := time.Now().Add(2 * c.Patience())
			for ; runs < collideRuns && time.Now().Before(bound); runs++ {
				n = collideFiles
				if runs%4 != 0 {
					n = 2
				}
				wantTotal, wantLargst = 0, sizes[files[0]]
				for _, f := range files[:n] {
					wantTotal += sizes[f]
				}
				count, total, larges = impl(slices.Clone(files[:n]), collideWorkers, size)
				if count != n || total != wantTotal || larges != wantLargst {
					break
				}
			}
		})
	if count != n || total != wantTotal || larges != wantLargst {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("count %d, total %d, largest %d, every time", n, wantTotal, wantLargst),
			Got:      fmt.Sprintf("count %d, total %d, largest %d in run %d", count, total, larges, runs+1),
			Likely:   lostUpdates(count == n && total == wantTotal),
		})
	}
}

// lostUpdates is the likely mistake of totals that came out wrong:
// onlyLargest when count and total came out right.
func lostUpdates(onlyLargest bool) string {
	if onlyLargest {
		return "largest is wrong (count and total came out right this time): if n > largest { largest = n } is a check " +
			"and then a write, and unless one lock is held from the check to the write, two workers check, and the smaller " +
			"write lands last (a read of largest under the lock and a write under it again later leaves the same gap). " +
			"Hold one mutex, shared by the workers, around the whole update of largest, and of count and total with it " +
			"(atomics for those two do not guard largest; an atomic largest needs a CompareAndSwap loop, since its Load " +
			"then Store is the same gap)"
	}
	return "updates were lost: two workers read count (or total) at the same moment and both wrote their own +1. " +
		"Something shared must guard all three: not a mutex declared inside each worker (each locks its own), not a " +
		"read lock (RLock, which other readers share), not atomics for some of them. One sync.Mutex, declared before " +
		"the workers, held around the three updates; the race detector (go test -race) shows where. (If one goroutine " +
		"collects the sizes the workers send it, Tally must wait for it too: returning once the workers are done loses " +
		"the sizes it has not added yet)"
}
