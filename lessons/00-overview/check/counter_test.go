package check_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/lessons/00-overview/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Each wrong counter below is told apart by what it is made of, and by
// whether its methods wait while the check holds its mutex: no lost
// increment is needed, so none of them depends on the machine.

type plainCounter struct{ n int }

func (c *plainCounter) Inc()       { c.n++ }
func (c *plainCounter) Value() int { return c.n }

func TestCounterRejectsAPlainInt(t *testing.T) {
	r := check.SafeCounter.Run(func() check.Counter { return &plainCounter{} }, roomy)
	rejected(t, r, "n is not guarded")
	assert.Equal(t, "*check_test.plainCounter has only n int: nothing in it can keep two goroutines from changing n at once", r.Mistake.Got)
}

// freshMutex locks a mutex made inside each call: every goroutine has its
// own, so it guards nothing.
type freshMutex struct{ n int }

func (c *freshMutex) Inc() {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	c.n++
}

func (c *freshMutex) Value() int {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	return c.n
}

func TestCounterRejectsAMutexMadeInEachCall(t *testing.T) {
	rejected(t, check.SafeCounter.Run(func() check.Counter { return &freshMutex{} }, roomy), "a mutex made inside Inc")
}

// ownMutexInInc has a mutex field, which Value locks, but Inc locks a
// mutex of its own.
type ownMutexInInc struct {
	mu sync.Mutex
	n  int
}

func (c *ownMutexInInc) Inc() {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	c.n++
}

func (c *ownMutexInInc) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func TestCounterRejectsAnIncThatSkipsTheCountersMutex(t *testing.T) {
	r := check.SafeCounter.Run(func() check.Counter { return &ownMutexInInc{} }, roomy)
	rejected(t, r, "Inc does not lock the Counter's mutex")
}

type lockedIncOnly struct {
	mu sync.Mutex
	n  int
}

func (c *lockedIncOnly) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}
func (c *lockedIncOnly) Value() int { return c.n } // reads without the lock

func TestCounterRejectsAnUnguardedRead(t *testing.T) {
	rejected(t, check.SafeCounter.Run(func() check.Counter { return &lockedIncOnly{} }, roomy), "Value reads n without the lock")
}

// readLocked takes the read lock to write.
type readLocked struct {
	mu sync.RWMutex
	n  int
}

func (c *readLocked) Inc() {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.n++
}

func (c *readLocked) Value() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.n
}

func TestCounterRejectsAReadLockForAWrite(t *testing.T) {
	rejected(t, check.SafeCounter.Run(func() check.Counter { return &readLocked{} }, roomy), "Inc takes a read lock (RLock) to change n")
}

// rwLocked is right: an RWMutex, the write lock to change n, the read lock
// to read it.
type rwLocked struct {
	mu sync.RWMutex
	n  int
}

func (c *rwLocked) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *rwLocked) Value() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.n
}

// atomicCounter is right too.
type atomicCounter struct{ n atomic.Int64 }

func (c *atomicCounter) Inc()       { c.n.Add(1) }
func (c *atomicCounter) Value() int { return int(c.n.Load()) }

func TestCounterAcceptsAnRWMutexAndAnAtomic(t *testing.T) {
	for _, newCounter := range []func() check.Counter{
		func() check.Counter { return &rwLocked{} },
		func() check.Counter { return &atomicCounter{} },
	} {
		r := check.SafeCounter.Run(newCounter)
		assert.Equal(t, "passed", r.Status.String(), r.Message)
	}
}

type valueCounter struct{ n int }

//lint:ignore SA4005 the classic mistake this test keeps: Inc increments a copy
func (c valueCounter) Inc()       { c.n++ }
func (c valueCounter) Value() int { return c.n }

func TestCounterRejectsAValueReceiver(t *testing.T) {
	rejected(t, check.SafeCounter.Run(func() check.Counter { return valueCounter{} }, roomy), "pointer receiver")
}

// int64Counter's n could be an atomic's (atomic.AddInt64 takes an int64),
// so the check cannot tell from its shape that nothing guards it: two
// goroutines calling Inc really interleaved lose increments, and the
// message names n++ (under -race, the race detector reports it first).
type int64Counter struct{ n int64 }

func (c *int64Counter) Inc()       { c.n++ }
func (c *int64Counter) Value() int { return int(c.n) }

func TestCounterRejectsAPlainInt64(t *testing.T) {
	twoCPUs(t)
	racy(t, func() {
		rejectedInSomeRun(t, func() exercise.Result {
			return check.SafeCounter.Run(func() check.Counter { return &int64Counter{} }, roomy)
		},
			"n++ on an integer is a read, an add and a write")
	})
}

func TestCounterRejectsAPlainInt64UnderTheRaceDetector(t *testing.T) {
	out := exercise.ExpectRace(t, func() { check.SafeCounter.Test(t, func() check.Counter { return &int64Counter{} }, roomy) })
	raceExplained(t, out, "Inc or Value uses n with no lock held", "n++ on an integer is a read, an add and a write")
}

// loadThenStore is the atomic counter's classic mistake: the Load and the
// Store are atomic, the pair is not. The race detector does not see it
// (atomics are synchronisation); increments lost by two goroutines really
// interleaved do, with or without -race.
type loadThenStore struct{ n atomic.Int64 }

func (c *loadThenStore) Inc()       { c.n.Store(c.n.Load() + 1) }
func (c *loadThenStore) Value() int { return int(c.n.Load()) }

func TestCounterRejectsAnAtomicLoadThenStore(t *testing.T) {
	r := rejectedInSomeRun(t, func() exercise.Result {
		return check.SafeCounter.Run(func() check.Counter { return &loadThenStore{} }, roomy)
	},
		"c.n.Store(c.n.Load() + 1), is two steps")
	assert.Contains(t, r.Mistake.Got, "increments were lost")
}

// unlockedTooSoon locks the Counter's mutex in Inc, so it waits while the
// check holds it, but lets go before n++.
type unlockedTooSoon struct {
	mu sync.Mutex
	n  int
}

func (c *unlockedTooSoon) Inc() {
	c.mu.Lock()
	c.mu.Unlock() //nolint:staticcheck // the mistake this test keeps: an empty critical section
	c.n++
}

func (c *unlockedTooSoon) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func TestCounterRejectsAnIncrementAfterTheUnlock(t *testing.T) {
	twoCPUs(t)
	racy(t, func() {
		rejectedInSomeRun(t, func() exercise.Result {
			return check.SafeCounter.Run(func() check.Counter { return &unlockedTooSoon{} }, roomy)
		},
			"n++ must run while the lock is held")
	})
}

// A mutex made on first use, with nothing guarding that: two first calls
// that come together each make their own. The check sees the nil field in a
// new Counter set by the first call; a lazily made mutex behind a
// sync.Once is right.
type lazyMutex struct {
	mu *sync.Mutex
	n  int
}

func (c *lazyMutex) lock() {
	if c.mu == nil {
		c.mu = &sync.Mutex{}
	}
	c.mu.Lock()
}

func (c *lazyMutex) Inc() {
	c.lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *lazyMutex) Value() int {
	c.lock()
	defer c.mu.Unlock()
	return c.n
}

type onceMutex struct {
	once sync.Once
	mu   *sync.Mutex
	n    int
}

func (c *onceMutex) lock() {
	c.once.Do(func() { c.mu = &sync.Mutex{} })
	c.mu.Lock()
}

func (c *onceMutex) Inc() {
	c.lock()
	defer c.mu.Unlock()
	c.n++
}

func (c *onceMutex) Value() int {
	c.lock()
	defer c.mu.Unlock()
	return c.n
}

func TestCounterRejectsAMutexMadeOnFirstUse(t *testing.T) {
	r := check.SafeCounter.Run(func() check.Counter { return &lazyMutex{} }, roomy)
	rejected(t, r, "the mutex is made on first use")
}

func TestCounterAcceptsAMutexMadeOnceOnFirstUse(t *testing.T) {
	exercise.Accepted(t, check.SafeCounter.Run(func() check.Counter { return &onceMutex{} }, roomy))
}

// One mutex for Inc, another for Value: each method waits while the check
// holds every mutex, but not while it holds only the other's.
type twoMutexes struct {
	incMu, valMu sync.Mutex
	n            int
}

func (c *twoMutexes) Inc() {
	c.incMu.Lock()
	defer c.incMu.Unlock()
	c.n++
}

func (c *twoMutexes) Value() int {
	c.valMu.Lock()
	defer c.valMu.Unlock()
	return c.n
}

func TestCounterRejectsAMutexForIncAndAnotherForValue(t *testing.T) {
	r := check.SafeCounter.Run(func() check.Counter { return &twoMutexes{} }, roomy)
	rejected(t, r, "Inc and Value lock different mutexes")
}
