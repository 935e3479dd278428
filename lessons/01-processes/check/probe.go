package check

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
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
	// Finished: the call has done its work and waits for the check's
	// go-ahead to return (see Probe.finish).
	Finished bool
	// Full: the call found a queue full and waits for room in it.
	Full bool
	PID  int
	Name string
	From int // the range of numbers it covers, if any
	To   int
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
	if errors.Is(err, processes.ErrQueueClosed) {
		return nil // the check is over: nothing holds the call any more
	}
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

// finish reports that the call has done its work and waits for the
// check's go-ahead before it returns: so its process cannot exit
// microseconds after its last result, before the check has seen whether
// the learner's code waits for it.
func (p Probe) finish(ctx context.Context) error {
	if p.Events == nil || p.Release == nil {
		return nil
	}
	me := processes.Current()
	if err := p.Events.Put(ctx, Event{Index: p.Index, Finished: true, PID: me.PID, Name: me.Name}); err != nil {
		return fmt.Errorf("probe: report the end: %w", err)
	}
	if _, err := p.Release.Get(ctx); err != nil && !errors.Is(err, processes.ErrQueueClosed) {
		return fmt.Errorf("probe: wait for the check: %w", err)
	}
	return nil
}

// full reports that the call found a queue full.
func (p Probe) full(ctx context.Context) {
	if p.Events != nil {
		me := processes.Current()
		_ = p.Events.Put(ctx, Event{Index: p.Index, Full: true, PID: me.PID, Name: me.Name})
	}
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
	// late are the tasks held once the first calls are let go, until the
	// others' processes have exited and the answer has settled: an answer
	// that returns at the first error leaves them running.
	late map[int]bool
	// pins, if set, holds pool workers alive once the calls have ended,
	// until the answer is seen in Pool.Join or has returned.
	pins *pins
	// killFirst: once every call has finished its work, kill the process
	// started first (the one an answer waits for first), then let the
	// others return one at a time, each once the answer has settled: an
	// answer that returns at that worker's error leaves the rest held.
	killFirst bool
	killed    atomic.Bool // the first-started process was killed
	// pauses, if set, are how long the calls take once let go, by task.
	pauses map[int]time.Duration
	c      *exercise.C
	// before are the child processes there were before the answer ran.
	before exercise.ProcessSnapshot

	// arrived counts the calls that have started; it may be read while
	// the coordinator runs.
	arrived atomic.Int32
	// returnedFirst: the answer had returned when the first call arrived.
	returnedFirst atomic.Bool
	// lateLetGo: the late tasks have been let go (see lateHeld).
	lateLetGo atomic.Bool

	// What the run showed, read after stop.
	arrivals []Event
	done     []int // indexes, in the order their calls ended
	peak     int
	broken   bool // fewer than together calls ever ran at once
	// startedAtFirst is how many child processes the answer had started
	// when the first call arrived: a pool's size.
	startedAtFirst int
	// inGet: when the patience ran out with the calls never together, the
	// answer was waiting in AsyncResult.Get (one task's result before the
	// next task is sent).
	inGet bool
	mu    sync.Mutex
	full  bool // a call found a queue full (under mu)

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
// together of them are running at once, or gives up after the patience and
// lets every call through from then on. With reorder, of the first two it
// lets the later task go first and the earlier one only once the later one
// has ended, and then with a pause (lateStart) that leaves the later one's
// result ample time to travel back to the parent: results collected in
// finishing order come out reversed. Calls that report they have finished
// (Probe.finish) are held until every running call has, and the answer has
// settled: then they are let go, unless the answer has returned meanwhile.
func (w *watch) start(c *exercise.C, before exercise.ProcessSnapshot) {
	w.c, w.before = c, before
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.wg.Go(func() { w.loop(ctx, c.Patience()) })
}

func (w *watch) loop(ctx context.Context, patience time.Duration) {
	var (
		held     []int // arrived, not let go yet
		late     []int // held until the others have exited
		finished []int // calls done with their work, waiting to return
		running  int
		opened   bool      // the first calls have been let go
		deferred = -1      // the earlier of the first pair, let go later
		lateWait = -1      // the deferred task whose end the late ones wait for
		deadline time.Time // when to stop holding calls back
	)
	release := func(i int) { _ = w.releases[i].TryPut(w.pauses[i]) }
	releaseLate := func(i int) { _ = w.releases[i].TryPut(lateStart) }
	releaseAll := func() {
		if len(late) > 0 {
			w.lateLetGo.Store(true)
		}
		for _, i := range slices.Concat(held, late, finished) {
			release(i)
		}
		held, late, finished = nil, nil, nil
		if deferred >= 0 {
			release(deferred)
			deferred = -1
		}
	}
	defer func() { // never leave a child waiting, now or later
		releaseAll()
		for _, q := range w.releases {
			_ = q.Close()
		}
	}()
	defer w.unpin()
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
			if !opened { // from now on, nothing is held: not the late tasks either
				opened, w.broken = true, true
				w.lateLetGo.Store(true)
				w.inGet = w.c.Learners(getFrame) > 0
			}
			releaseAll()
			continue
		}
		switch {
		case e.Full:
			w.mu.Lock()
			w.full = true
			w.mu.Unlock()
		case e.Finished:
			if w.broken {
				release(e.Index)
				continue
			}
			finished = append(finished, e.Index)
			switch {
			case len(finished) < running || !w.settled():
			case w.killFirst && !w.killed.Load() && running == len(w.arrivals):
				// Every worker is held here, the first started too (on a
				// busy machine the patience may have let some go: then no
				// kill, and the run judges nothing).
				w.killFirstStarted()
				running--
				finished = finished[1:] // shared: any of them stands for the killed one
				if len(finished) > 0 && w.settled() {
					release(finished[0])
					finished = finished[1:]
				}
			default:
				for _, i := range finished {
					release(i)
				}
				finished = nil
			}
		case e.Arrived:
			if len(w.arrivals) == 0 {
				w.startedAtFirst = len(w.before.Left())
				w.returnedFirst.Store(w.c.Returned())
			}
			w.arrivals = append(w.arrivals, e)
			w.arrived.Add(1)
			running++
			w.peak = max(w.peak, running)
			if w.pins != nil && strings.HasPrefix(e.Name, "PoolWorker-") {
				if w.pins.pin(e.PID) {
					w.wg.Go(func() { w.holdUntilJoin(ctx) })
				}
			}
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
				if w.late[i] {
					late = append(late, i)
				} else {
					release(i)
				}
			}
			held = nil
			switch {
			case len(late) > 0 && deferred >= 0:
				// The one let go later (reorder) must have ended too: an
				// answer that stops the others once it has its outcome
				// would otherwise find the late ones done already.
				lateWait = deferred
			case len(late) > 0 && w.othersExited(late):
				w.lateLetGo.Store(true)
				for _, i := range late {
					release(i)
				}
				late = nil
			}
		default:
			running--
			w.done = append(w.done, e.Index)
			if w.killed.Load() && len(finished) > 0 && w.settled() {
				release(finished[0]) // the next, once the answer waits again
				finished = finished[1:]
			}
			if deferred >= 0 && e.Index != deferred {
				releaseLate(deferred)
				deferred = -1
			}
			if e.Index == lateWait && len(late) > 0 {
				lateWait = -1
				if w.othersExited(late) {
					w.lateLetGo.Store(true)
					for _, i := range late {
						release(i)
					}
					late = nil
				}
			}
		}
	}
}

// killFirstStarted kills the process that arrived with the lowest number
// in its name (Process-N, numbered as they start), and waits until the
// library has seen it end.
func (w *watch) killFirstStarted() {
	first := -1
	number := func(name string) int {
		n, _ := strconv.Atoi(strings.TrimPrefix(name, "Process-"))
		return n
	}
	for i, a := range w.arrivals {
		if first < 0 || number(a.Name) < number(w.arrivals[first].Name) {
			first = i
		}
	}
	if first < 0 {
		return
	}
	pid := w.arrivals[first].PID
	if p, err := os.FindProcess(pid); err == nil {
		_ = p.Kill()
	}
	w.killed.Store(true)
	w.c.Await(func() bool {
		for _, k := range w.before.Left() {
			if k.PID == pid {
				return false
			}
		}
		return true
	})
	// Reaped is not the end: until the library has read all the child sent,
	// its Get on the release queue may still be served (and the go-ahead
	// it takes put back, as the child is gone).
	others := len(w.arrivals) - 1
	w.c.Await(func() bool { return w.c.Learners(readLoop) <= others && w.c.Learners(reapFrame) <= others })
}

// settled waits until the answer can go no further without the check, and
// reports whether it should be let go on: not if it has returned (what the
// check holds is then left for it to see).
func (w *watch) settled() bool {
	w.c.Settle()
	return !w.c.Returned()
}

// readLoop is the frame of the goroutine lesson 01's library keeps reading
// a child's pipe until the child has exited and all it sent is read.
const readLoop = ".(*childProc).readLoop("

// reapFrame is the frame of the goroutine lesson 01's library keeps for each
// child until the child has exited, been reaped and had all it sent
// handled: only then does Process.Wait return. A zombie child, or a pipe
// reader that has ended, does not yet mean the answer's Wait can return.
const reapFrame = ".(*childProc).reap("

// othersExited waits until every process that reported a call, except
// those running the tasks in skip (the late ones), has exited, the library has taken in all
// they sent (their pipe readers have ended), and the answer has settled;
// it reports whether the late tasks should be let go.
func (w *watch) othersExited(skip []int) bool {
	var others []int
	for _, a := range w.arrivals {
		if !slices.Contains(skip, a.Index) {
			others = append(others, a.PID)
		}
	}
	w.c.Await(func() bool {
		for _, k := range w.before.Left() {
			if slices.Contains(others, k.PID) && !k.Zombie() {
				return false
			}
		}
		return true
	})
	w.c.Await(func() bool { return w.c.Learners(readLoop) <= len(skip) && w.c.Learners(reapFrame) <= len(skip) })
	return w.settled()
}

// holdUntilJoin holds the pool workers until the answer is seen waiting in
// Pool.Join: then it lets them go, and Join returns. If the answer returns
// instead, they stay held until stop, so that the check finds them there.
func (w *watch) holdUntilJoin(ctx context.Context) {
	for ctx.Err() == nil {
		switch w.c.AwaitCallerIn(joinFrame) {
		case exercise.CallerBlocked:
			w.unpin()
			return
		case exercise.CallerReturned:
			return
		}
	}
}

// lateHeld reports whether the late tasks are still held: called once the
// answer has returned, whether it returned without their outcomes. A
// right answer cannot: it waits for their processes, the check sees it
// settled there and lets them go. The processes themselves may be gone (an
// answer that cancels them as it returns), so this, not a process left
// behind, is what shows it.
func (w *watch) lateHeld() bool { return len(w.late) > 0 && !w.lateLetGo.Load() }

// notWaitedForLate fails the check if the late tasks were still held when
// the answer returned (held, from lateHeld): it returned without waiting
// for their processes, which were then stopped or left. which names them.
func notWaitedForLate(c *exercise.C, held bool, fn, which, likely string) {
	if held {
		c.Fail(exercise.Mistake{
			Expected: fn + " to wait for " + which,
			Got:      "it returned before they had ended (they were stopped, not waited for)",
			Likely:   likely,
		})
	}
}

// neverWaited reports whether the answer returned before it had waited
// for anything: before the first call arrived (then started by goroutines
// of its own), or, with none arrived yet, leaving goroutines in
// Process.Wait. Called once the answer has returned, while the check still
// holds what it holds. The checks run the answer on one processor, where
// the goroutines it starts run only once it blocks or returns: one that
// waits for none of them has returned before any could start a process.
func (w *watch) neverWaited() bool {
	if w.arrived.Load() == 0 {
		return stillWaiting(w.c) || w.returnedFirst.Load()
	}
	return w.returnedFirst.Load()
}

// getFrame is the frame of a goroutine waiting in AsyncResult.Get.
const getFrame = ".(*AsyncResult[...]).Get("

// joinFrame is the frame of a goroutine waiting in Pool.Join.
const joinFrame = ".(*Pool).Join("

// unpin lets go of the pool workers the check holds.
func (w *watch) unpin() {
	if w.pins != nil {
		w.pins.release()
	}
}

// lateStart is the pause of a task let go after another has ended: the
// other's result is then in the parent long before this one's.
const lateStart = 200 * time.Millisecond

// stop ends the coordinator and lets every waiting call go, and every pool
// worker held. It may be called again (a check defers it, in case the
// learner's code panics).
func (w *watch) stop() {
	w.once.Do(func() {
		w.cancel()
		w.wg.Wait()
	})
}

// sawFull reports whether a call found a queue full. It may be called
// while the coordinator runs.
func (w *watch) sawFull() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.full
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
