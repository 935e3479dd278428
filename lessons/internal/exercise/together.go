package exercise

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Together lets the calls handed to the learner's code go on in groups,
// each group at one instant: a data race that writes right after the call
// returns (total += sum(part), count++ after size(file)) then has its
// writes collide, on two cores or more, as often as the machine allows,
// instead of once in a long while. It is how a check makes lost updates
// show without the race detector; it proves nothing by itself, so a check
// runs the learner's code through it many times and looks at the result.
//
// A call that waits longer than the bound for its group goes alone, so
// code that makes its calls one after the other waits the bound on every
// call: use Together once the check has shown that the calls overlap (a
// [Barrier] says why sequential code is wrong).
type Together struct {
	n     int
	bound time.Duration
	base  time.Time

	mu    sync.Mutex
	count int          // calls waiting in the current group
	gen   atomic.Int64 // groups released so far
	at    atomic.Int64 // when the last group released goes, in ns since base
}

// togetherLead is how far ahead of its release a group's instant is: time
// for every member, spinning or just yielding, to see the release.
const togetherLead = 3 * time.Microsecond

// NewTogether returns a Together for groups of n calls, each of which
// waits at most bound for the others.
func NewTogether(n int, bound time.Duration) *Together {
	return &Together{n: n, bound: bound, base: time.Now()}
}

// Meet waits until n calls (this one included) have met, or the bound has
// passed, then returns at the group's instant.
func (t *Together) Meet() {
	if t.n < 2 {
		return
	}
	t.mu.Lock()
	gen := t.gen.Load()
	t.count++
	if t.count == t.n {
		t.count = 0
		at := time.Since(t.base) + togetherLead
		t.at.Store(int64(at))
		t.gen.Add(1)
		t.mu.Unlock()
		t.spinUntil(at)
		return
	}
	t.mu.Unlock()
	giveUp := time.Now().Add(t.bound)
	for t.gen.Load() == gen {
		if time.Now().After(giveUp) {
			t.mu.Lock()
			if t.gen.Load() == gen { // still alone: go
				t.count--
				t.mu.Unlock()
				return
			}
			t.mu.Unlock()
			break
		}
		// spin, not yield: the goroutines that join the group then run on other processors
	}
	t.spinUntil(time.Duration(t.at.Load()))
}

// spinUntil returns once at (since base) has come, without blocking: a
// goroutine that parked would be woken up late.
func (t *Together) spinUntil(at time.Duration) {
	for time.Since(t.base) < at {
	}
}

// LostUpdateTries is how many runs of a check a test of a lost-update
// mistake allows ([UntilRejected]): the check makes two goroutines collide
// again and again, but on a machine so loaded that they seldom run at the
// same moment, one run of the check can end before an update is lost.
const LostUpdateTries = 3

// UntilRejected calls run, a run of a check, up to [LostUpdateTries]
// times, until it reports Failed, and returns the last result and how many
// runs it took.
func UntilRejected(run func() Result) (r Result, runs int) {
	for runs = 1; ; runs++ {
		if r = run(); r.Status == Failed || runs == LostUpdateTries {
			return r, runs
		}
	}
}

// OneCPU reports whether this process may use a single CPU: two goroutines
// then never run at the same moment, n++ and total += x are one
// instruction each that no switch between goroutines splits, and no update
// can be lost, so only the race detector sees that mistake.
func OneCPU() bool { return runtime.NumCPU() < 2 }
