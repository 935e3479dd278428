package worker

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// census counts the process's goroutines, from runtime/metrics: a few
// microseconds, however many there are, where a look at them (a dump of
// every stack) takes some 25 µs for each, and stops them all meanwhile.
type census struct {
	known   bool   // the runtime has the metrics (Go 1.26 or later); if not, the rest is zero
	created uint64 // goroutines created since the process started
	alive   uint64 // goroutines alive
	busy    uint64 // goroutines running, or ready to run
	spawned uint64 // of the created, those the worker started (see spawn)
}

// censusMetrics are the runtime's metrics a census reads.
var censusMetrics = []string{
	"/sched/goroutines-created:goroutines",
	"/sched/goroutines:goroutines",
	"/sched/goroutines/running:goroutines",
	"/sched/goroutines/runnable:goroutines",
}

// spawned counts the goroutines the worker starts for itself (see spawn):
// a census tells them from the learner's.
var spawned atomic.Uint64

// spawn starts f in a goroutine of the worker's own, counted.
func spawn(f func()) {
	spawned.Add(1)
	go f()
}

// takeCensus counts the goroutines now.
func takeCensus() census {
	s := make([]metrics.Sample, len(censusMetrics))
	for i, name := range censusMetrics {
		s[i].Name = name
	}
	own := spawned.Load() // before the count: one spawned meanwhile makes the census differ, not agree
	metrics.Read(s)
	for _, m := range s {
		if m.Value.Kind() != metrics.KindUint64 {
			return census{} // an older runtime: every cell looks
		}
	}
	return census{known: true, created: s[0].Value.Uint64(), alive: s[1].Value.Uint64(), busy: s[2].Value.Uint64() + s[3].Value.Uint64(), spawned: own}
}

// Bounds of the wait for a quiet census. Waiting is worth it while it
// is shorter than the look it saves: some 25 µs for each goroutine.
const (
	minQuietPatience = 200 * time.Microsecond
	maxQuietPatience = 100 * time.Millisecond
)

// quietCensus takes a census when no goroutine but the caller runs or is
// ready to — the worker's own goroutines that have done their work are
// gone then: they never wait for anything as they end — or after
// patience, with quiet false. Each try yields the processor, so that a
// goroutine that is ready runs meanwhile; one whose thread the system
// has put aside (a busy machine) makes it wait longer, as does the
// garbage collector's work.
func quietCensus(patience time.Duration) (c census, quiet bool) {
	deadline := time.Now().Add(patience)
	for {
		c = takeCensus()
		if !c.known {
			return c, false
		}
		if c.busy <= 1 || time.Now().After(deadline) {
			return c, c.busy <= 1
		}
		runtime.Gosched()
	}
}

// lastLook is the last look at the learner's goroutines that a cell's end
// may reuse: taken after a quiet census, when no goroutine of the
// learner's was running.
type lastLook struct {
	valid bool
	cost  time.Duration // what the last look took, reused or not
	c     census
	ours  int              // the worker's goroutines alive that come and go (the timeline's sampler)
	left  []wire.Goroutine // the learner's goroutines it found, but the cell's own
}

// reuse returns the goroutines of the last look if they are still the
// goroutines there are: no goroutine but the worker's own was created
// since, none has ended, and none but the caller runs (so that none of
// the worker's own is about to end, to be counted for one of the
// learner's that did). Those that are there may have run in between and
// blocked again; they are the same goroutines, and as many. ours is the
// number of the worker's goroutines that come and go alive now. busy
// reports that it waited in vain for no other goroutine to run.
func (l *lastLook) reuse(ours int) (gs []wire.Goroutine, ok, busy bool) {
	if !l.valid || l.changed(takeCensus(), ours) {
		return nil, false, false // no need to wait for a quiet census to know
	}
	c, quiet := quietCensus(l.patience())
	if !quiet || l.changed(c, ours) || c.alive-uint64(ours) != l.c.alive-uint64(l.ours) {
		return nil, false, !quiet // one is running, or one has ended
	}
	return l.left, true, false
}

// changed reports whether census c shows, quiet or not, that the
// goroutines are not those of the last look: one was created that is not
// the worker's, or fewer are alive (the worker's own that are ending only
// add to the count).
func (l *lastLook) changed(c census, ours int) bool {
	return !c.known || !l.c.known ||
		c.created-l.c.created != c.spawned-l.c.spawned || c.alive-uint64(ours) < l.c.alive-uint64(l.ours)
}

// remember keeps a look that took cost, taken after census c, for reuse.
func (l *lastLook) remember(c census, cost time.Duration, ours int, left []wire.Goroutine) {
	*l = lastLook{valid: true, cost: cost, c: c, ours: ours, left: left}
}

// patience is how long to wait for a quiet census: at most as long as a
// look takes, which the last one tells.
func (l *lastLook) patience() time.Duration {
	return min(max(l.cost, minQuietPatience), maxQuietPatience)
}

// forget makes the next cell look; the look it had took cost.
func (l *lastLook) forget(cost time.Duration) { l.valid, l.cost = false, cost }

// startedNone reports whether no goroutine was created since census c but
// the worker's own: a cell that ran since then left none of its own.
func startedNone(c census) bool {
	now := takeCensus()
	return c.known && now.known && now.created-c.created == now.spawned-c.spawned
}
