package exercise

import (
	"slices"
	"sync"
	"time"
)

// Gate holds every call of a function that a check hands to the learner's
// code until the check's driver releases it. Before each release the
// driver lets the answer settle ([C.Settle]: every goroutine of the answer
// is blocked), so it sees every call the answer would make now, however
// busy the machine; then it releases the calls its [Pick] chooses. So the
// check sees how many calls the answer keeps in flight (a correct answer
// keeps limit, or every call left), decides the order in which they finish,
// and can keep a clock that only moves when the held calls end.
type Gate struct {
	c     *C
	limit int // how many calls a correct answer keeps in flight
	total int // how many calls a correct answer makes

	mu       sync.Mutex
	inFlight []*Hold // in the order they arrived
	peak     int
	calls    int
	left     int  // calls that have returned
	now      int  // the check's clock (units of work)
	lastEnd  int  // when the last released call ended, on that clock
	free     bool // the driver has stopped: calls return at once
	stallAt  int  // calls returned when the driver first saw a stall; -1: none yet
	changed  chan bool
}

// Hold is one call held at a gate.
type Hold struct {
	key      int // what the call is for: a URL's, job's or task's index
	release  chan struct{}
	released bool
	start    int // the clock when it arrived
	length   int // how long it lasts on the clock
}

// Released is closed when the driver lets the call return.
func (h *Hold) Released() <-chan struct{} { return h.release }

// Start is the gate's clock when the call arrived.
func (h *Hold) Start() int { return h.start }

// NewGate returns a gate for a check whose correct answer keeps limit
// calls in flight and makes total calls in all.
func NewGate(c *C, limit, total int) *Gate {
	return &Gate{c: c, limit: limit, total: total, stallAt: -1, changed: make(chan bool, 1)}
}

func (g *Gate) poke() {
	select {
	case g.changed <- true:
	default:
	}
}

// Enter registers a call for key lasting length on the clock and returns
// its hold: the call waits on Released (and on its context, if it has one),
// then calls Leave.
func (g *Gate) Enter(key, length int) *Hold {
	g.mu.Lock()
	defer g.mu.Unlock()
	h := &Hold{key: key, release: make(chan struct{}), start: g.now, length: length}
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

// Leave records that the call of h has returned.
func (g *Gate) Leave(h *Hold) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if i := slices.Index(g.inFlight, h); i >= 0 {
		g.inFlight = slices.Delete(g.inFlight, i, i+1)
	}
	g.left++
	g.poke()
}

// GateStats is what a gate saw.
type GateStats struct {
	Peak     int // the most calls in flight at once
	Calls    int // calls made
	InFlight int // calls in flight now
	Returned int // calls that have returned
	Finished int // when the last released call ended, on the gate's clock
	// StalledAt is how many calls had returned when the answer first kept
	// fewer calls in flight than a correct one, or -1 if it never did.
	StalledAt int
}

// Stats returns what the gate has seen so far.
func (g *Gate) Stats() GateStats {
	g.mu.Lock()
	defer g.mu.Unlock()
	return GateStats{Peak: g.peak, Calls: g.calls, InFlight: len(g.inFlight), Returned: g.left, Finished: g.lastEnd, StalledAt: g.stallAt}
}

// target is how many calls a correct answer has in flight now.
func (g *Gate) target() int {
	return min(g.limit, g.total-g.left)
}

// Pick chooses which of the held calls (those not released yet, in the
// order they arrived) to release next, and where the clock is then.
type Pick func(held []*Hold, now int) (release []*Hold, then int)

// HighestKeyFirst releases the held call with the highest key: results then
// finish in another order than the keys', whatever order the calls arrived
// in, which exposes answers that keep results in the order they finish.
func HighestKeyFirst(held []*Hold, now int) ([]*Hold, int) {
	if len(held) == 0 {
		return nil, now
	}
	return []*Hold{slices.MaxFunc(held, func(a, b *Hold) int { return a.key - b.key })}, now
}

// EarliestEnd advances the clock to the earliest end among the held calls
// and releases every call that ends then.
func EarliestEnd(held []*Hold, now int) ([]*Hold, int) {
	end := -1
	for _, h := range held {
		if end < 0 || h.start+h.length < end {
			end = h.start + h.length
		}
	}
	var out []*Hold
	for _, h := range held {
		if h.start+h.length == end {
			out = append(out, h)
		}
	}
	return out, max(now, end)
}

// Driver releases a gate's calls from its own goroutine.
type Driver struct {
	stop    chan struct{}
	done    chan struct{}
	stalled bool
}

// Drive starts releasing calls with pick, until Finish.
func (g *Gate) Drive(pick Pick) *Driver {
	d := &Driver{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(d.done)
		d.stalled = g.drive(d.stop, pick)
	}()
	return d
}

// Finish stops the driver, which lets every held call through, waits for
// it, and reports whether the answer stalled: it kept fewer calls in
// flight than it could have. It is safe to call more than once.
func (d *Driver) Finish() (stalled bool) {
	select {
	case <-d.stop:
	default:
		close(d.stop)
	}
	<-d.done
	return d.stalled
}

// drive releases calls until stop is closed, then lets every call through.
// Before each release it lets the answer settle, so that every call the
// answer would make now has arrived, whatever the machine's load (an answer
// that never settles, a goroutine that spins or sleeps, is not waited for
// again). Fewer calls in flight than a correct answer keeps is a stall
// only if they stay fewer for one patience: a settled answer may be waiting
// for the check's own reader of its results. After a stall, the driver
// releases whatever is in flight.
func (g *Gate) drive(stop <-chan struct{}, pick Pick) (stalled bool) {
	defer g.open()
	settles := true
	for {
		if settles && !g.c.Settle() {
			settles = false
		}
		full := stalled || g.awaitTarget(stop)
		g.mu.Lock()
		var held []*Hold
		for _, h := range g.inFlight {
			if !h.released {
				held = append(held, h)
			}
		}
		if !full && !stalled {
			stalled, g.stallAt = true, g.left
		}
		released, then := pick(held, g.now)
		g.now = then
		for _, h := range released {
			h.released = true
			close(h.release)
			g.lastEnd = max(g.lastEnd, h.start+h.length)
		}
		g.mu.Unlock()
		if len(released) == 0 {
			// Nothing held: wait for a call to arrive.
			select {
			case <-g.changed:
				continue
			case <-stop:
				return stalled
			}
		}
		for !g.gone(released) {
			select {
			case <-g.changed:
			case <-stop:
				return stalled
			}
		}
	}
}

// awaitTarget waits at most one patience until the calls in flight reach
// the target, and reports whether they did.
func (g *Gate) awaitTarget(stop <-chan struct{}) bool {
	timer := time.NewTimer(g.c.Patience())
	defer timer.Stop()
	for {
		g.mu.Lock()
		full := len(g.inFlight) >= g.target()
		g.mu.Unlock()
		if full {
			return true
		}
		select {
		case <-g.changed:
		case <-timer.C:
			return false
		case <-stop:
			return true
		}
	}
}

// gone reports whether every call in hs has returned.
func (g *Gate) gone(hs []*Hold) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, h := range hs {
		if slices.Contains(g.inFlight, h) {
			return false
		}
	}
	return true
}

// open releases every held call and lets later ones through at once.
func (g *Gate) open() {
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
