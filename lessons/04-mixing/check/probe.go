package check

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Probe is the checks' instrument inside the learner's goroutines and
// child processes: a call that carries one reports to the check that it
// has started (and in which process), waits there until the check lets it
// go, and reports when it ends. Pass it on as you were given it.
type Probe struct {
	// Index says which task the probe belongs to.
	Index int
	// Events carries the reports to the check; Release carries the check's
	// go-ahead for this task.
	Events  *processes.Queue[Event]
	Release *processes.Queue[bool]
}

// Event is what a probed call reports.
type Event struct {
	Index   int
	Arrived bool // true when the call starts, false when it ends
	PID     int
	Name    string // the process's name
}

// enter reports the call's start and waits for the check's go-ahead.
func (p Probe) enter(ctx context.Context) error {
	if p.Events == nil || p.Release == nil {
		return nil // not probed: the check notices that nothing arrived
	}
	me := processes.Current()
	if err := p.Events.Put(ctx, Event{Index: p.Index, Arrived: true, PID: me.PID, Name: me.Name}); err != nil {
		return fmt.Errorf("probe: report the start of task %d: %w", p.Index, err)
	}
	if _, err := p.Release.Get(ctx); err != nil {
		return fmt.Errorf("probe: wait for the check to let task %d go: %w", p.Index, err)
	}
	return nil
}

// report reports a call that starts and ends at once, without waiting for
// the check: one that fails straight away.
func (p Probe) report(ctx context.Context) {
	if p.Events != nil {
		me := processes.Current()
		_ = p.Events.Put(ctx, Event{Index: p.Index, Arrived: true, PID: me.PID, Name: me.Name})
		_ = p.Events.Put(context.WithoutCancel(ctx), Event{Index: p.Index, PID: me.PID, Name: me.Name})
	}
}

// leave reports the call's end.
func (p Probe) leave(ctx context.Context) {
	if p.Events != nil {
		me := processes.Current()
		_ = p.Events.Put(context.WithoutCancel(ctx), Event{Index: p.Index, PID: me.PID, Name: me.Name})
	}
}

// watch is the check's side of the probes of one run, in the parent: a
// barrier across goroutines and processes. It holds the first calls until
// together of them are inside at once, or gives up after the patience
// (the barrier is broken) and lets every call through from then on. Once
// it has opened, with ordered it lets the held calls go one at a time,
// the highest index first, each once the one before has ended, and waits
// a moment whenever it turns to another process: results gathered in the
// order they finish, or process by process as each finishes, come out in
// another order than the tasks'.
type watch struct {
	events   *processes.Queue[Event]
	releases []*processes.Queue[bool]
	together int
	ordered  bool

	// What the run showed, read after stop.
	arrivals []Event
	calls    map[int]int // per task
	peak     int         // calls inside at once
	peakPer  map[int]int // per process
	peakPIDs int         // processes with a call inside at once
	broken   bool

	arrived chan Event // each arrival, for a check that drives a run itself

	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

// newWatch makes the probes of n tasks.
func newWatch(n, together int, ordered bool) (*watch, []Probe) {
	w := &watch{events: processes.NewQueue[Event](0), together: together, ordered: ordered,
		calls: map[int]int{}, peakPer: map[int]int{}, arrived: make(chan Event, 2*n)}
	probes := make([]Probe, n)
	for i := range probes {
		w.releases = append(w.releases, processes.NewQueue[bool](0))
		probes[i] = Probe{Index: i, Events: w.events, Release: w.releases[i]}
	}
	return w, probes
}

// switchPause is how long the ordered watch waits before it lets go a
// call of another process than the last one's: time for that process's
// results to reach the parent first.
const switchPause = 100 * time.Millisecond

func (w *watch) start(patience time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.wg.Go(func() { w.loop(ctx, patience) })
}

func (w *watch) loop(ctx context.Context, patience time.Duration) {
	var (
		held        []int // arrived, not let go yet
		pidOf       = map[int]int{}
		inside      = map[int]int{} // calls inside, per process
		running     int
		opened      bool
		outstanding = -1 // the call let go and not ended yet (ordered)
		lastPID     int
		deadline    time.Time
	)
	let := func(i int) { _ = w.releases[i].TryPut(true) }
	letAll := func() {
		for _, i := range held {
			let(i)
		}
		held = nil
	}
	defer letAll()   // never leave a call waiting
	next := func() { // ordered: the next call to let go, if it is time
		if outstanding >= 0 || len(held) == 0 {
			return
		}
		slices.Sort(held)
		i := held[len(held)-1]
		held = held[:len(held)-1]
		if lastPID != 0 && pidOf[i] != lastPID {
			select {
			case <-time.After(switchPause):
			case <-ctx.Done():
			}
		}
		outstanding, lastPID = i, pidOf[i]
		let(i)
	}
	for {
		getCtx, cancel := ctx, context.CancelFunc(func() {})
		if !deadline.IsZero() {
			getCtx, cancel = context.WithDeadline(ctx, deadline)
		}
		e, err := w.events.Get(getCtx)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			// Patience ran out before enough calls were inside at once.
			deadline, opened, w.broken = time.Time{}, true, true
			w.ordered = false
			letAll()
			continue
		}
		if !e.Arrived {
			running--
			inside[e.PID]--
			if e.Index == outstanding {
				outstanding = -1
			}
			if w.ordered {
				next()
			}
			continue
		}
		w.arrivals = append(w.arrivals, e)
		select {
		case w.arrived <- e:
		default:
		}
		w.calls[e.Index]++
		pidOf[e.Index] = e.PID
		running++
		inside[e.PID]++
		w.peak = max(w.peak, running)
		w.peakPer[e.PID] = max(w.peakPer[e.PID], inside[e.PID])
		pids := 0
		for _, n := range inside {
			if n > 0 {
				pids++
			}
		}
		w.peakPIDs = max(w.peakPIDs, pids)
		held = append(held, e.Index)
		switch {
		case opened && w.ordered:
			next()
		case opened:
			letAll()
		case len(held) >= w.together:
			opened, deadline = true, time.Time{}
			if w.ordered {
				next()
			} else {
				letAll()
			}
		case deadline.IsZero():
			deadline = time.Now().Add(patience)
		}
	}
}

// stop ends the coordinator, lets every waiting call go, and frees the
// queues. It may be called again (a check defers it).
func (w *watch) stop() {
	w.once.Do(func() {
		w.cancel()
		w.wg.Wait()
		for _, r := range w.releases {
			_ = r.Close()
		}
		_ = w.events.Close()
	})
}

// pids lists the distinct processes that ran probed calls.
func (w *watch) pids() []int {
	var out []int
	for _, a := range w.arrivals {
		if !slices.Contains(out, a.PID) {
			out = append(out, a.PID)
		}
	}
	return out
}

// awaitArrivals waits, at most patience, until the tasks 0 to n-1 have all
// arrived, and returns the process each arrived in.
func (w *watch) awaitArrivals(n int, patience time.Duration) (pidOf map[int]int, ok bool) {
	pidOf = map[int]int{}
	timer := time.NewTimer(patience)
	defer timer.Stop()
	for len(pidOf) < n {
		select {
		case e := <-w.arrived:
			pidOf[e.Index] = e.PID
		case <-timer.C:
			return pidOf, false
		}
	}
	return pidOf, true
}
