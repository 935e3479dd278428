package worker

import (
	"strings"
	"sync"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/stacks"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// Limits of a cell's timeline.
const (
	// maxTracks bounds the goroutines recorded; more are counted only.
	maxTracks = 500
	// maxLinger is how long after the cell's end its goroutines are still
	// sampled.
	maxLinger = 10 * time.Second
)

// recorder keeps the timeline of the last cell: a sampler looks at the
// cell's goroutines while it runs, and after it ended while goroutines it
// started are left, until the next cell starts, the timeline is asked for
// or maxLinger has passed. Its zero value is ready to use.
type recorder struct {
	// sample takes one look at every goroutine, or returns false once
	// stop is closed; nil means a dumper's. (Tests script it.)
	sample func(stop <-chan struct{}) (sample, bool)
	dumper dumper
	wait   time.Duration // between looks, as the last look's cost says; used by the sampler only
	// clock tells the time of the cell's start and end; nil means
	// time.Now. (Tests, which script the looks, set it too.)
	clock func() time.Time

	mu      sync.Mutex
	cell    string
	origin  time.Time
	running bool          // the cell's own code runs
	active  bool          // the sampler goes on sampling
	lastAt  time.Duration // when the last sample was taken
	tl      wire.Timeline
	tracks  map[int64]*tracked // by goroutine ID; the cell's own goroutines share ownID
	dropped map[int64]bool
	procs   map[int]*tracked // the worker's child processes, by PID
	earlier map[int]bool     // the child processes an earlier cell's looks saw
	stop    chan struct{}    // closed to stop the sampler; nil when none runs
	done    chan struct{}    // closed when the sampler has returned
}

func (r *recorder) now() time.Time {
	if r.clock != nil {
		return r.clock()
	}
	return time.Now()
}

// ownID keys the track of the cell's own code, which runs in one goroutine
// per chunk.
const ownID = -1

// tracked is a goroutine's record and the number of the last sample that saw
// it.
type tracked struct {
	wire.Track
	seen int
}

// sample is one look at the goroutines: what Parse made of a dump, and
// when it was taken.
type sample struct {
	at         time.Time
	size       int // of the dump, in bytes
	goroutines []stacks.Goroutine
	children   []child // the worker's child processes (timelineprocs.go)
}

// begin starts the timeline of a new cell; it returns the function to
// call when the cell's own code has ended. An empty cell name (the replay
// of declarations, a script) records nothing.
func (r *recorder) begin(cell string) (ended func()) {
	if cell == "" {
		return func() {}
	}
	r.halt()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cell, r.origin, r.running, r.active, r.lastAt = cell, r.now(), true, true, 0
	r.tl = wire.Timeline{Cell: cell}
	r.tracks, r.dropped = map[int64]*tracked{}, map[int64]bool{}
	r.procs = map[int]*tracked{}
	r.earlier = make(map[int]bool, len(r.dumper.names))
	for pid := range r.dumper.names { // the sampler has halted: nothing else reads the dumper
		r.earlier[pid] = true
	}
	r.dumper.listed = time.Time{} // the first look lists the child processes
	r.stop, r.done = make(chan struct{}), make(chan struct{})
	stop, done := r.stop, r.done
	spawn(func() { r.run(stop, done) })
	return r.ended
}

// ended notes that the cell's own code has returned.
func (r *recorder) ended() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.running = false
	r.tl.Ran = r.now().Sub(r.origin)
	r.tl.End = max(r.tl.End, r.tl.Ran)
}

// timeline stops the sampler, if it still runs, and returns the record,
// with a last look at the goroutines if they were still being sampled.
func (r *recorder) timeline() wire.Timeline {
	if r.halt() {
		r.mu.Lock()
		r.running = false // the cell has ended: this looks at what it left
		r.mu.Unlock()
		if s, ok := r.take(nil); ok && r.record(s) {
			r.mu.Lock()
			r.tl.Stopped = "the timeline was asked for"
			r.tl.End = max(r.tl.End, r.now().Sub(r.origin))
			r.mu.Unlock()
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	tl := r.tl
	tl.Dropped = len(r.dropped)
	tl.Goroutines = make([]wire.Track, 0, len(r.tracks))
	for _, t := range r.tracks {
		tr := t.Track
		tr.States = append([]wire.Interval(nil), t.States...)
		tl.Goroutines = append(tl.Goroutines, tr)
	}
	sortTracks(tl.Goroutines)
	for pid, t := range r.procs {
		if !ran(t.States) && (r.earlier[pid] || startedBefore(pid, r.now().Sub(r.origin))) {
			continue // an earlier cell's process (a pool's idle worker): not this cell's
		}
		tr := t.Track
		tr.States = append([]wire.Interval(nil), t.States...)
		tl.Processes = append(tl.Processes, tr)
	}
	sortTracks(tl.Processes)
	return tl
}

// sampling returns 1 while the sampler's goroutine has not returned, 0
// otherwise: the worker's goroutines that come and go, for a census.
func (r *recorder) sampling() int {
	r.mu.Lock()
	done := r.done
	r.mu.Unlock()
	if done == nil {
		return 0
	}
	select {
	case <-done:
		return 0
	default:
		return 1
	}
}

// halt stops the sampler and waits for it. It reports whether the
// sampler was still sampling.
func (r *recorder) halt() bool {
	r.mu.Lock()
	stop, done, active := r.stop, r.done, r.active
	r.stop, r.active = nil, false
	r.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
	return active
}

// record adds a sample to the timeline. It reports whether to go on
// sampling: not once the cell has ended and its goroutines are gone, or
// maxLinger after its end.
func (r *recorder) record(s sample) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tl.Samples++
	n := r.tl.Samples
	at := s.at.Sub(r.origin)
	seen := 0
	for _, g := range s.goroutines {
		if g.Cell() != r.cell || g.CreatedBy == "" || strings.HasPrefix(g.CreatedBy, workerPkg) {
			continue // not the cell's, or the worker's goroutine that waits for the cell
		}
		seen++
		own := isOwnCode(g)
		key := g.ID
		if own {
			key = ownID
		}
		t := r.tracks[key]
		if t == nil {
			if len(r.tracks) >= maxTracks {
				r.dropped[g.ID] = true
				continue
			}
			t = &tracked{Track: wire.Track{ID: g.ID, Own: own}}
			if !own {
				t.Start = startedBy(g)
			}
			r.tracks[key] = t
		}
		if t.seen == n {
			continue // a second goroutine of the cell's own code
		}
		t.seen = n
		t.Alive = true
		t.States = extend(t.States, stateOf(g), at)
	}
	r.recordChildren(s.children, n, at)
	for _, t := range r.allTracks() {
		if len(t.States) == 1 && t.States[0].From == at && t.States[0].To == at {
			// It started since the last look: halfway, on average.
			t.States[0].From = (r.lastAt + at) / 2
		}
		if t.seen == n-1 && len(t.States) > 0 {
			// It ended since the last look: halfway, on average.
			t.States[len(t.States)-1].To = (r.lastAt + at) / 2
		}
		if t.seen != n {
			t.Alive = false
		}
	}
	r.lastAt = at
	if seen > 0 || r.running {
		r.tl.End = max(r.tl.End, at)
	}
	switch {
	case r.running:
		return true
	case seen == 0:
		return false
	case at-r.tl.Ran > maxLinger:
		r.tl.Stopped = maxLinger.String() + " after the cell ended"
		return false
	}
	return true
}

// extend adds state seen at time at to a goroutine's intervals: the last
// one grows, or a new one starts where it ends.
func extend(states []wire.Interval, s wire.State, at time.Duration) []wire.Interval {
	n := len(states)
	if n > 0 {
		states[n-1].To = at
		if states[n-1].State == s {
			return states
		}
	}
	return append(states, wire.Interval{State: s, From: at, To: at})
}

// sendTimeline answers a KindTimeline request.
func (w *worker) sendTimeline(id uint64) {
	tl := w.timeline.timeline()
	_ = w.answers.Send(wire.Message{Kind: wire.KindTimeline, ID: id, Timeline: &tl})
}

// ran reports whether a track was ever seen running.
func ran(states []wire.Interval) bool {
	for _, s := range states {
		if s.State == wire.StateRunning {
			return true
		}
	}
	return false
}
