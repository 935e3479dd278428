package worker

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/stacks"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// detectInterval is how often the detector looks at the goroutines while
// a cell runs; it looks less often when there are many.
const detectInterval = 25 * time.Millisecond

// deadlockDetector runs while a cell runs and finds what Go's runtime
// reports as "all goroutines are asleep - deadlock!": every goroutine of
// the learner's code blocked on a channel or a sync primitive, with no
// timer left that could wake one. (The runtime's own check never fires in
// the worker: a goroutine waits on the request pipe, and a program that
// links cgo, as this one does, never runs it at all.)
type deadlockDetector struct {
	timers   *timers
	deadlock func() // what to do: end the worker as Go would
	// none is what to do when the program's main goroutine has left by
	// runtime.Goexit (see mainLeft) and no goroutine of the learner's
	// code is left: end the worker as Go would.
	none     func()
	mainGone atomic.Bool
	stop     chan struct{}
	done     chan struct{}
	once     sync.Once
}

func startDeadlockDetector(t *timers, deadlock, none func()) *deadlockDetector {
	d := &deadlockDetector{timers: t, deadlock: deadlock, none: none, stop: make(chan struct{}), done: make(chan struct{})}
	spawn(d.run)
	return d
}

// mainLeft tells the detector that the program's main goroutine has left
// by runtime.Goexit: once the other goroutines are gone too, nothing can
// ever happen again.
func (d *deadlockDetector) mainLeft() { d.mainGone.Store(true) }

// close stops the detector and waits for it; it may be called again.
func (d *deadlockDetector) close() {
	d.once.Do(func() { close(d.stop) })
	<-d.done
}

func (d *deadlockDetector) run() {
	defer close(d.done)
	timer := time.NewTimer(detectInterval)
	defer timer.Stop()
	stuck, none := 0, 0
	for {
		select {
		case <-d.stop:
			return
		case <-timer.C:
		}
		if c := takeCensus(); c.known && c.busy > 1 {
			// A goroutine runs, or is ready to, besides this one: nothing
			// is deadlocked now, and a look would stop them all for nothing
			// (among thousands of goroutines, for a good part of a second).
			stuck, none = 0, 0
			timer.Reset(detectInterval)
			continue
		}
		learner, blocked, size := learnerBlocked()
		if blocked && !d.timers.pending(time.Now()) {
			stuck++
		} else {
			stuck = 0
		}
		if learner == 0 && d.mainGone.Load() {
			none++
		} else {
			none = 0
		}
		// Two snapshots in a row, each a consistent view of every goroutine.
		switch {
		case stuck >= 2:
			d.deadlock()
			return
		case none >= 2:
			d.none()
			return
		}
		// A dump of many goroutines is costly: look less often.
		timer.Reset(detectInterval * time.Duration(1+size/(256<<10)))
	}
}

// workerPkg prefixes the functions of this package in stack traces.
const workerPkg = "github.com/gophertutor/concurrency/playground/internal/worker."

// learnerBlocked counts the goroutines of the learner's code and reports
// whether there is at least one and all of them are blocked for good unless
// another goroutine (or a timer) wakes them. It also returns the size of
// the dump. A dump cut short counts one goroutine, not blocked.
func learnerBlocked() (learner int, blocked bool, size int) {
	dump, ok := stacks.Dump(32 << 20)
	if !ok {
		return 1, false, len(dump) // too many goroutines to look at
	}
	blocked = true
	for _, g := range stacks.Parse(dump) {
		if !isLearners(g) {
			continue
		}
		learner++
		blocked = blocked && blockedForGood(g)
	}
	return learner, blocked && learner > 0, len(dump)
}

// isLearners reports whether g runs the learner's code: a cell started it
// (it carries a cell's label) and the worker did not.
func isLearners(g stacks.Goroutine) bool {
	return g.Cell() != "" && g.CreatedBy != "" && !strings.HasPrefix(g.CreatedBy, workerPkg)
}

// interpPkg prefixes yaegi's interpreter in stack traces.
const interpPkg = "github.com/traefik/yaegi/interp."

// blockedForGood reports whether only another goroutine or a tracked timer
// can wake g. A channel operation counts only if interpreted code did it:
// compiled code may wait on a timer the detector cannot see.
func blockedForGood(g stacks.Goroutine) bool {
	switch {
	case runtimeStates[g.State] == wire.StateSync: // only another goroutine can wake it
		return true
	case runtimeStates[g.State] == wire.StateChan, runtimeStates[g.State] == wire.StateSelect:
		return strings.HasPrefix(caller(g), interpPkg)
	}
	return false
}

// caller returns the first function of g outside the runtime, reflect and
// sync: the code that blocked.
func caller(g stacks.Goroutine) string {
	for _, f := range g.Frames {
		if !internalFrame(f.Func) {
			return f.Func
		}
	}
	return ""
}

// internalFrame reports whether a stack frame is in the packages through
// which any code blocks: the runtime, reflect, sync.
func internalFrame(fn string) bool {
	for _, p := range []string{"runtime.", "reflect.", "sync.", "internal/"} {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}
