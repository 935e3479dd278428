package check

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Probe is the checks' instrument inside child processes: a call that
// carries one reports when it starts and waits there until the check lets
// it go, then reports when it ends. Pass it on as you were given it.
type Probe struct {
	// Index says which task the probe belongs to.
	Index int
	// Events carries reports to the check; Release carries its go-aheads,
	// each with a pause to take before going on.
	Events  *processes.Queue[Event]
	Release *processes.Queue[time.Duration]
}

// Event is what a probed call reports.
type Event struct {
	Index   int
	Arrived bool // true when the call starts, false when it ends
	PID     int
	Name    string
	From    int // the range of numbers it covers, if any
	To      int
}

// enter reports the call's start and waits for the check's go-ahead.
func (p Probe) enter(ctx context.Context, from, to int) error {
	if p.Events == nil || p.Release == nil {
		return nil // not probed: the check will notice that nothing arrived
	}
	me := processes.Current()
	if err := p.Events.Put(ctx, Event{Index: p.Index, Arrived: true, PID: me.PID, Name: me.Name, From: from, To: to}); err != nil {
		return fmt.Errorf("probe: report arrival: %w", err)
	}
	pause, err := p.Release.Get(ctx)
	if err != nil {
		return fmt.Errorf("probe: wait for the check: %w", err)
	}
	if pause > 0 {
		timer := time.NewTimer(pause)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// leave reports the call's end.
func (p Probe) leave(ctx context.Context) {
	if p.Events != nil {
		me := processes.Current()
		_ = p.Events.Put(ctx, Event{Index: p.Index, PID: me.PID, Name: me.Name})
	}
}

// watch coordinates the probed calls of one check run, in the parent.
type watch struct {
	events   *processes.Queue[Event]
	releases map[int]*processes.Queue[time.Duration]
	together int  // calls that must be running at once
	reorder  bool // let the first pair finish in reverse order

	// What the run showed, read after stop.
	arrivals []Event
	done     []int // indexes, in the order their calls ended
	peak     int
	broken   bool // fewer than together calls ever ran at once

	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
}

// newWatch makes probes for n tasks. With shared, all tasks share one
// release queue (for identical workers); otherwise each has its own.
func newWatch(n, together int, shared, reorder bool) (*watch, []Probe) {
	w := &watch{events: processes.NewQueue[Event](0), releases: map[int]*processes.Queue[time.Duration]{}, together: together, reorder: reorder}
	probes := make([]Probe, n)
	var common *processes.Queue[time.Duration]
	if shared {
		common = processes.NewQueue[time.Duration](0)
	}
	for i := range probes {
		release := common
		if release == nil {
			release = processes.NewQueue[time.Duration](0)
		}
		w.releases[i] = release
		probes[i] = Probe{Index: i, Events: w.events, Release: release}
	}
	return w, probes
}

// start runs the coordinator until stop. It holds the first calls until
// together of them are running at once, or gives up after patience and
// lets every call through from then on. With reorder, of the first two it
// lets the later task go first and the earlier one only once the later one
// has ended, and then with a pause (lateStart) that leaves the later one's
// result ample time to travel back to the parent: results collected in
// finishing order come out reversed.
func (w *watch) start(patience time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.wg.Go(func() { w.loop(ctx, patience) })
}

func (w *watch) loop(ctx context.Context, patience time.Duration) {
	var (
		held     []int // arrived, not let go yet
		running  int
		opened   bool      // the first calls have been let go
		deferred = -1      // the earlier of the first pair, let go later
		deadline time.Time // when to stop holding calls back
	)
	release := func(i int) { _ = w.releases[i].TryPut(0) }
	releaseLate := func(i int) { _ = w.releases[i].TryPut(lateStart) }
	releaseAll := func() {
		for _, i := range held {
			release(i)
		}
		held = nil
		if deferred >= 0 {
			release(deferred)
			deferred = -1
		}
	}
	defer releaseAll() // never leave a child waiting
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
			// Patience ran out: let everything through from now on.
			deadline = time.Time{}
			if !opened {
				opened, w.broken = true, true
			}
			releaseAll()
			continue
		}
		if e.Arrived {
			w.arrivals = append(w.arrivals, e)
			running++
			w.peak = max(w.peak, running)
			if opened {
				release(e.Index)
				continue
			}
			if deadline.IsZero() {
				deadline = time.Now().Add(patience)
			}
			held = append(held, e.Index)
			if len(held) < w.together {
				continue
			}
			opened, deadline = true, time.Now().Add(patience)
			sort.Ints(held)
			if w.reorder && len(held) >= 2 {
				deferred, held = held[0], held[1:]
			}
			for _, i := range held {
				release(i)
			}
			held = nil
			continue
		}
		running--
		w.done = append(w.done, e.Index)
		if deferred >= 0 && e.Index != deferred {
			releaseLate(deferred)
			deferred = -1
		}
	}
}

// lateStart is the pause of a task let go after another has ended: the
// other's result is then in the parent long before this one's.
const lateStart = 200 * time.Millisecond

// stop ends the coordinator and lets every waiting call go. It may be
// called again (a check defers it, in case the learner's code panics).
func (w *watch) stop() {
	w.once.Do(func() {
		w.cancel()
		w.wg.Wait()
	})
}

// names lists the distinct processes that ran probed calls.
func (w *watch) names() []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range w.arrivals {
		if !seen[a.Name] {
			seen[a.Name] = true
			out = append(out, a.Name)
		}
	}
	sort.Strings(out)
	return out
}

// ranInParent reports an arrival from the parent itself.
func (w *watch) ranInParent() bool {
	for _, a := range w.arrivals {
		if strings.EqualFold(a.Name, "MainProcess") {
			return true
		}
	}
	return false
}
