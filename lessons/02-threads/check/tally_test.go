package check_test

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/lessons/02-threads/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// theStub is the code of the exercise's stub without its TODO: the data
// race it asks to fix.
func theStub(files []string, workers int, size func(string) int64) (count int, total, largest int64) {
	queue := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for file := range queue {
				n := size(file)
				count++
				total += n
				if n > largest {
					largest = n
				}
			}
		})
	}
	for _, file := range files {
		queue <- file
	}
	close(queue)
	wg.Wait()
	return count, total, largest
}

func TestTallyRejectsTheStubAsGiven(t *testing.T) {
	out := exercise.ExpectRace(t, func() { check.Tally.Test(t, theStub, quick, raceRoom) })
	raceExplained(t, out, "the workers change count, total and largest with nothing shared ordering them", "updates were lost", "largest is wrong")
}

func TestTallyRejectsAMutexPerWorker(t *testing.T) {
	out := exercise.ExpectRace(t, func() { check.Tally.Test(t, mutexPerWorker, quick, raceRoom) })
	raceExplained(t, out, "a mutex declared inside each worker", "updates were lost", "largest is wrong")
}

func TestTallyRejectsAtomicsWithAnUnguardedLargest(t *testing.T) {
	out := exercise.ExpectRace(t, func() { check.Tally.Test(t, halfAtomic, quick, raceRoom) })
	raceExplained(t, out, "atomics for some of the three", "largest is wrong")
}

// A read lock for the updates: read locks do not keep each other out.
// Tally's totals are its own variables, which the check cannot hold, so
// this race is the race detector's to see.
func TestTallyRejectsAReadLock(t *testing.T) {
	out := exercise.ExpectRace(t, func() { check.Tally.Test(t, readLocked, quick, raceRoom) })
	raceExplained(t, out, "a read lock (RLock) to write", "updates were lost", "largest is wrong")
}

func TestTallyRejectsLockingAroundTheWork(t *testing.T) {
	lockedSize := func(files []string, workers int, size func(string) int64) (count int, total, largest int64) {
		var mu sync.Mutex
		measureAll(files, workers, func() func(string) {
			return func(file string) {
				mu.Lock() // size runs under the lock: one file at a time
				defer mu.Unlock()
				n := size(file)
				count, total, largest = count+1, total+n, max(largest, n)
			}
		})
		return count, total, largest
	}
	// One file at a time is slow under -race: give it time to finish, so
	// that it is rejected for running sequentially and not for running long.
	rejected(t, check.Tally.Run(lockedSize, exercise.WithPatience(500*time.Millisecond)), "the fix made the work sequential")
}

// raceRoom keeps the call bound long for the answers that run under the
// race detector: 20,000 files through racy workers that the race detector
// reports on take seconds on a busy machine, and must not be rejected for
// running long.
var raceRoom = exercise.WithCallBound(30 * time.Second)

// measureAll is the shape of every Tally below: workers goroutines that
// each take files from one queue and hand them to the function that
// worker() returns for that worker, the files sent, the queue closed, the
// workers waited for.
func measureAll(files []string, workers int, worker func() func(file string)) {
	queue := make(chan string)
	var wg sync.WaitGroup
	for range workers {
		measure := worker()
		wg.Go(func() {
			for file := range queue {
				measure(file)
			}
		})
	}
	for _, file := range files {
		queue <- file
	}
	close(queue)
	wg.Wait()
}

// mutexPerWorker declares the mutex inside each worker: each locks its
// own, so it guards nothing.
func mutexPerWorker(files []string, workers int, size func(string) int64) (count int, total, largest int64) {
	measureAll(files, workers, func() func(string) {
		var mu sync.Mutex // a new one for each worker
		return func(file string) {
			n := size(file)
			mu.Lock()
			defer mu.Unlock()
			count, total, largest = count+1, total+n, max(largest, n)
		}
	})
	return count, total, largest
}

// halfAtomic makes count and total atomics, and leaves largest plain.
func halfAtomic(files []string, workers int, size func(string) int64) (int, int64, int64) {
	var count, total atomic.Int64
	var largest int64
	measureAll(files, workers, func() func(string) {
		return func(file string) {
			n := size(file)
			count.Add(1)
			total.Add(n)
			if n > largest { // still a data race
				largest = n
			}
		}
	})
	return int(count.Load()), total.Load(), largest
}

// readLocked takes a read lock for the updates: read locks do not keep
// each other out.
func readLocked(files []string, workers int, size func(string) int64) (count int, total, largest int64) {
	var mu sync.RWMutex
	measureAll(files, workers, func() func(string) {
		return func(file string) {
			n := size(file)
			mu.RLock() // shared by every worker at once
			defer mu.RUnlock()
			count, total, largest = count+1, total+n, max(largest, n)
		}
	})
	return count, total, largest
}

// Without the race detector, the check makes the updates of two workers
// collide (the calls of size return in pairs at one instant), so each of
// these answers loses an update, and the message says which. Under -race
// the tests above show the race detector's report explained instead.
// halfAtomic is not here: its atomic adds on shared counters space the two
// workers out by more than the few instructions of its check-then-write of
// largest, so its lost update is too rare to count on, and only the race
// detector (which :check runs) reliably sees it.
func TestTallyCatchesLostUpdatesWithoutTheRaceDetector(t *testing.T) {
	if exercise.RaceEnabled {
		t.Skip("under -race the race detector reports these first: the ExpectRace tests above cover them")
	}
	twoCPUs(t)
	for name, tc := range map[string]struct {
		impl   check.TallyFunc
		likely []string
	}{
		"the stub":           {theStub, []string{"updates were lost", "largest is wrong"}},
		"a mutex per worker": {mutexPerWorker, []string{"updates were lost", "largest is wrong"}},
		"a read lock":        {readLocked, []string{"updates were lost", "largest is wrong"}},
	} {
		t.Run(name, func(t *testing.T) {
			r, _ := exercise.UntilRejected(func() exercise.Result { return check.Tally.Run(tc.impl) })
			require.Equal(t, exercise.Failed, r.Status, "the check should reject this answer; it said:\n%s", r.Message)
			assert.True(t, slices.ContainsFunc(tc.likely, func(l string) bool { return strings.Contains(r.Mistake.Likely, l) }),
				"the check rejected it for another reason:\n%s", r.Message)
		})
	}
}

// TestTheStubCopyIsTheStub ties theStub, this file's copy of the Tally
// stub, to the stub the learner edits.
func TestTheStubCopyIsTheStub(t *testing.T) {
	exercise.VerifyStubCopy(t, "../../..", "lessons/02-threads/exercises/tally.go", "Tally", "tally_test.go", "theStub")
}
