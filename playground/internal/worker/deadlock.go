package worker

import (
	"bytes"
	"runtime"
	"strings"
	"time"
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
	stop     chan struct{}
	done     chan struct{}
}

func startDeadlockDetector(t *timers, deadlock func()) *deadlockDetector {
	d := &deadlockDetector{timers: t, deadlock: deadlock, stop: make(chan struct{}), done: make(chan struct{})}
	go d.run()
	return d
}

// close stops the detector and waits for it.
func (d *deadlockDetector) close() {
	close(d.stop)
	<-d.done
}

func (d *deadlockDetector) run() {
	defer close(d.done)
	timer := time.NewTimer(detectInterval)
	defer timer.Stop()
	stuck := 0
	for {
		select {
		case <-d.stop:
			return
		case <-timer.C:
		}
		blocked, size := learnerBlocked()
		if blocked && !d.timers.pending(time.Now()) {
			stuck++
		} else {
			stuck = 0
		}
		if stuck >= 2 { // two snapshots in a row, each a consistent view of every goroutine
			d.deadlock()
			return
		}
		// A dump of many goroutines is costly: look less often.
		timer.Reset(detectInterval * time.Duration(1+size/(256<<10)))
	}
}

// workerPkg prefixes the functions of this package in stack traces.
const workerPkg = "github.com/gophertutor/concurrency/playground/internal/worker."

// learnerBlocked reports whether there is at least one goroutine of the
// learner's code and all of them are blocked for good unless another
// goroutine (or a timer) wakes them. It also returns the size of the dump.
func learnerBlocked() (bool, int) {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		if len(buf) >= 32<<20 {
			return false, len(buf) // too many goroutines to look at
		}
		buf = make([]byte, 2*len(buf))
	}
	learner := 0
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		gr, ok := parseGoroutine(string(g))
		if !ok || gr.createdBy == "" || strings.HasPrefix(gr.createdBy, workerPkg) {
			continue // the worker's own goroutines
		}
		if !gr.blockedForGood() {
			return false, len(buf)
		}
		learner++
	}
	return learner > 0, len(buf)
}

// goroutine is what the detector reads in a goroutine's stack dump.
type goroutine struct {
	state     string // "chan receive"
	caller    string // the first function outside the runtime, reflect and sync
	createdBy string
}

// syncStates are the wait reasons of a goroutine parked on a sync
// primitive: only another goroutine can wake it.
var syncStates = map[string]bool{
	"sync.Mutex.Lock": true, "sync.RWMutex.Lock": true, "sync.RWMutex.RLock": true,
	"sync.WaitGroup.Wait": true, "sync.Cond.Wait": true, "semacquire": true,
}

// chanStates are the wait reasons of a goroutine parked on channels.
var chanStates = map[string]bool{
	"chan receive": true, "chan send": true, "select": true, "select (no cases)": true,
	"chan receive (nil chan)": true, "chan send (nil chan)": true,
}

// interpPkg prefixes yaegi's interpreter in stack traces.
const interpPkg = "github.com/traefik/yaegi/interp."

// blockedForGood reports whether only another goroutine or a tracked timer
// can wake g. A channel operation counts only if interpreted code did it:
// compiled code may wait on a timer the detector cannot see.
func (g goroutine) blockedForGood() bool {
	switch {
	case syncStates[g.state]:
		return true
	case chanStates[g.state]:
		return strings.HasPrefix(g.caller, interpPkg)
	}
	return false
}

// parseGoroutine reads one goroutine of a stack dump.
func parseGoroutine(dump string) (goroutine, bool) {
	header, rest, _ := strings.Cut(dump, "\n")
	open, end := strings.IndexByte(header, '['), strings.LastIndexByte(header, ']')
	if !strings.HasPrefix(header, "goroutine ") || open < 0 || end < open {
		return goroutine{}, false
	}
	var g goroutine
	g.state = header[open+1 : end]
	if i := strings.Index(g.state, ", "); i >= 0 {
		g.state = g.state[:i] // "chan receive, 2 minutes"
	}
	for _, line := range strings.Split(rest, "\n") {
		if line == "" || line[0] == '\t' {
			continue // a file:line
		}
		if fn, ok := strings.CutPrefix(line, "created by "); ok {
			g.createdBy, _, _ = strings.Cut(fn, " ")
			break
		}
		if g.caller == "" && !internalFrame(line) {
			g.caller = line
		}
	}
	return g, true
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
