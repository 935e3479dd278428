package check

import (
	"sync"
	"time"
)

// gate holds every call of a function that a check hands to the learner's
// code until the check's driver releases it. The driver waits until as many
// calls are in flight as a correct answer keeps busy, then releases one
// (or, with a clock, every call that ends first). So the check sees the
// peak number of calls in flight, decides the order in which they finish,
// and notices a call that waits for nothing.
type gate struct {
	limit int // how many calls a correct answer keeps in flight
	total int // how many calls a correct answer makes

	mu       sync.Mutex
	inFlight []*hold // in the order they arrived
	peak     int
	calls    int
	left     int  // calls that have returned
	now      int  // the check's clock, for a gate with one (units of work)
	lastEnd  int  // when the last released call ended, on that clock
	free     bool // the driver has stopped: calls return at once
	// releasedOnce is set once the driver has released a call; only the
	// driver's goroutine uses it.
	releasedOnce bool
	changed      chan bool // a call arrived or left (capacity 1)
}

// hold is one call held at the gate.
type hold struct {
	key      int // what the call is for: a URL's, job's or task's index
	release  chan struct{}
	released bool
	start    int // the clock when it arrived
	length   int // how long it lasts on the clock
}

func newGate(limit, total int) *gate {
	return &gate{limit: limit, total: total, changed: make(chan bool, 1)}
}

func (g *gate) poke() {
	select {
	case g.changed <- true:
	default:
	}
}

// enter registers a call for key lasting length on the clock, and returns
// its hold: wait on its release channel (and the call's context).
func (g *gate) enter(key, length int) *hold {
	g.mu.Lock()
	defer g.mu.Unlock()
	h := &hold{key: key, release: make(chan struct{}), start: g.now, length: length}
	g.calls++
	if g.free {
		h.released = true
		close(h.release)
	}
	g.inFlight = append(g.inFlight, h)
	g.peak = max(g.peak, len(g.inFlight))
	g.poke()
	return h
}

// leave records that the call of h has returned.
func (g *gate) leave(h *hold) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, x := range g.inFlight {
		if x == h {
			g.inFlight = append(g.inFlight[:i], g.inFlight[i+1:]...)
			break
		}
	}
	g.left++
	g.poke()
}

// stats returns the peak, the number of calls made and the calls in
// flight now.
func (g *gate) stats() (peak, calls, inFlight int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.peak, g.calls, len(g.inFlight)
}

// target is how many calls a correct answer has in flight now.
func (g *gate) target() int {
	return min(g.limit, g.total-g.left)
}

// pick chooses, with g.mu held, which waiting calls to release next.
type pick func(g *gate) []*hold

// lastIn releases the call that arrived last: results then finish in the
// reverse of the order they started, which exposes answers that keep
// results in the order they finish.
func lastIn(g *gate) []*hold {
	for i := len(g.inFlight) - 1; i >= 0; i-- {
		if h := g.inFlight[i]; !h.released {
			return []*hold{h}
		}
	}
	return nil
}

// earliestEnd advances the clock to the earliest end among the waiting
// calls and releases every call that ends then.
func earliestEnd(g *gate) []*hold {
	end := -1
	for _, h := range g.inFlight {
		if !h.released && (end < 0 || h.start+h.length < end) {
			end = h.start + h.length
		}
	}
	if end < 0 {
		return nil
	}
	var out []*hold
	for _, h := range g.inFlight {
		if !h.released && h.start+h.length == end {
			out = append(out, h)
		}
	}
	g.now = end
	g.lastEnd = max(g.lastEnd, end)
	return out
}

// drive releases calls until stop is closed, then lets every call through.
// Before each release it waits until target() calls are in flight. If that
// does not happen within patience, the answer keeps fewer calls in flight
// than it could: drive reports it as stalled and from then on releases
// whatever is in flight.
func (g *gate) drive(stop <-chan struct{}, patience time.Duration, choose pick) (stalled bool) {
	defer g.open()
	timer := time.NewTimer(patience)
	defer timer.Stop()
	for {
		// Wait for the structure a correct answer has.
		for {
			g.mu.Lock()
			waiting := 0
			for _, h := range g.inFlight {
				if !h.released {
					waiting++
				}
			}
			ready := waiting > 0 && (stalled || len(g.inFlight) >= g.target())
			g.mu.Unlock()
			if ready {
				break
			}
			expired := timer.C
			if stalled {
				expired = nil
			}
			select {
			case <-g.changed:
			case <-expired:
				stalled = true
			case <-stop:
				return stalled
			}
		}
		g.settle()
		// Release, then wait until the released calls have returned.
		g.mu.Lock()
		released := choose(g)
		for _, h := range released {
			h.released = true
			close(h.release)
		}
		g.mu.Unlock()
		for !g.gone(released) {
			select {
			case <-g.changed:
			case <-stop:
				return stalled
			}
		}
		if !stalled {
			if !timer.Stop() {
				select {
				case <-timer.C:
				default:
				}
			}
			timer.Reset(patience)
		}
	}
}

// settle gives goroutines that are ready to run a chance to arrive before
// the driver releases a call. Without it, the scheduler could run the
// released call and the driver back and forth while an answer's other
// goroutines wait in a run queue, and a goroutine per call would look like
// a bounded pool. Sleeping, unlike runtime.Gosched, leaves this goroutine's
// processor idle, so it takes runnable goroutines from the others' queues.
// A correct answer loses a couple of milliseconds before the first release
// and a fraction of one before each of the others; no outcome depends on
// how long it waits, only on what arrives.
func (g *gate) settle() {
	// Before the first release, wait longer: an answer that starts a
	// goroutine per call starts them all at the beginning.
	quiet := 1
	if !g.releasedOnce {
		quiet, g.releasedOnce = 20, true
	}
	for still, rounds := 0, 0; still < quiet && rounds < 200; rounds++ {
		g.mu.Lock()
		before := g.calls
		g.mu.Unlock()
		time.Sleep(settleStep)
		g.mu.Lock()
		after := g.calls
		g.mu.Unlock()
		if after == before {
			still++
		} else {
			still = 0
		}
	}
}

// settleStep is how long settle lets other goroutines run at a time.
const settleStep = 100 * time.Microsecond

// gone reports whether every call in hs has returned.
func (g *gate) gone(hs []*hold) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, h := range hs {
		for _, x := range g.inFlight {
			if x == h {
				return false
			}
		}
	}
	return true
}

// open releases every held call and lets later ones through at once.
func (g *gate) open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.free = true
	for _, h := range g.inFlight {
		if !h.released {
			h.released = true
			close(h.release)
		}
	}
}

// driver runs drive in its own goroutine; stop ends it and returns
// whether it stalled.
type driver struct {
	stop    chan struct{}
	done    chan struct{}
	stalled bool
}

func startDriver(g *gate, patience time.Duration, choose pick) *driver {
	d := &driver{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(d.done)
		d.stalled = g.drive(d.stop, patience, choose)
	}()
	return d
}

// finish stops the driver, which lets every held call through, and waits
// for it. It is safe to call more than once.
func (d *driver) finish() bool {
	select {
	case <-d.stop:
	default:
		close(d.stop)
	}
	<-d.done
	return d.stalled
}
