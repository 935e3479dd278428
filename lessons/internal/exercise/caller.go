package exercise

import (
	"runtime"
	"strings"
	"sync"
	"time"
)

// Caller is what the goroutine that runs the learner's function (the one
// [C.Call] started) was seen doing.
type Caller int

// What the caller was seen doing.
const (
	// CallerBlocked: it waits for other goroutines, on a WaitGroup, a
	// channel, a lock or a condition. An answer that waits for its
	// goroutines does this.
	CallerBlocked Caller = iota
	// CallerReturned: the learner's function returned.
	CallerReturned
	// CallerSlept: it was seen in time.Sleep, then returned: it slept
	// instead of waiting for its goroutines.
	CallerSlept
	// CallerSleeping: it was still in time.Sleep when the patience ran
	// out.
	CallerSleeping
	// CallerBusy: it ran, or was ready to run, for the whole patience,
	// never waiting: a loop that polls a variable (a busy wait).
	CallerBusy
)

// callerState is the goroutine that runs the learner's function in the
// current (or last) Call, and the goroutines it started.
type callerState struct {
	mu       sync.Mutex
	id       int64          // the caller's goroutine ID
	returned chan struct{}  // closed when the learner's function has returned
	family   map[int64]bool // goroutine ID: whether it is the learner's (false: the check's)
}

// startCall records that the calling goroutine is about to run the
// learner's function; end says it has returned.
func (c *C) startCall() (end func()) {
	st := &callerState{id: goid(), returned: make(chan struct{}), family: map[int64]bool{}}
	for _, g := range census() {
		st.family[g.id] = false // alive before the call: the check's
	}
	st.family[st.id] = true
	c.caller.Store(st)
	return func() { close(st.returned) }
}

// InCaller reports whether the calling goroutine is the one running the
// learner's function: a function handed to the learner that it calls from
// its own goroutine, not from one it started.
func (c *C) InCaller() bool {
	st := c.caller.Load()
	return st != nil && st.id == goid()
}

// AwaitCaller waits until the goroutine running the learner's function is
// blocked waiting for another goroutine, or has returned, but at most one
// patience. Call it from a function handed to the learner, to hold that
// function's goroutine until its caller waits for it: an answer whose
// caller returns meanwhile does not wait for its goroutines, and one that
// sleeps or polls instead is named for it.
func (c *C) AwaitCaller() Caller {
	st := c.caller.Load()
	if st == nil {
		return CallerReturned
	}
	slept := false
	last := CallerBusy
	done := c.poll(func() bool {
		select {
		case <-st.returned:
			last = CallerReturned
			return true
		default:
		}
		for _, g := range census() {
			if g.id != st.id {
				continue
			}
			switch {
			case g.blocked():
				last = CallerBlocked
				return true
			case g.state == "sleep":
				slept, last = true, CallerSleeping
			default:
				last = CallerBusy
			}
			return false
		}
		return false // it has returned; st.returned says so in a moment
	})
	if done && last == CallerReturned && slept {
		return CallerSlept
	}
	return last
}

// Settle waits until every goroutine of the learner's code (the one running
// its function in the current or last Call, and every goroutine those
// started) is blocked waiting for another goroutine, or has ended: until
// the answer can go no further without the check. Called from a function
// handed to the learner, it waits for every other goroutine. It waits at
// most one patience, and reports whether the answer settled. A check that holds the
// calls it hands out settles before it releases one, so that it sees
// every call the answer would make, whatever the machine's load.
func (c *C) Settle() bool {
	self := goid() // called from a function handed to the learner, it waits for the others
	return c.poll(func() bool {
		st := c.caller.Load() // a new Call may have begun meanwhile
		if st == nil {
			return true
		}
		for _, g := range st.members(census()) {
			if g.id != self && !g.blocked() {
				return false
			}
		}
		return c.caller.Load() == st // and no new Call began while we looked
	})
}

// Returned reports whether the learner's function, in the current (or
// last) Call, has returned. A check that holds what the learner's code
// waits for keeps holding it once the function has returned without
// waiting: what it holds is then still there for the check to see.
func (c *C) Returned() bool {
	st := c.caller.Load()
	if st == nil {
		return false
	}
	select {
	case <-st.returned:
		return true
	default:
		return false
	}
}

// Learners counts the goroutines of the learner's code (see [C.Settle])
// whose stack has frame in it, e.g. ".(*childProc).readLoop(": how many of
// the goroutines a library starts for the learner are still there.
func (c *C) Learners(frame string) int {
	st := c.caller.Load()
	if st == nil {
		return 0
	}
	n := 0
	for _, g := range st.members(census()) {
		if strings.Contains(g.stack, frame) {
			n++
		}
	}
	return n
}

// AwaitCallerIn waits until the learner's function has returned
// (CallerReturned) or one of the learner's goroutines is blocked in a
// function whose frame contains frame, e.g. ".(*Pool).Join(" (CallerBlocked),
// but at most one patience; then it reports CallerBusy. A check that holds
// what a cleanup call waits for uses it to tell an answer that makes the
// call from one that returns without it.
func (c *C) AwaitCallerIn(frame string) Caller { return c.awaitBlockedIn(frame, false) }

// awaitBlockedIn is AwaitCallerIn, and with itself AwaitCallerItselfIn:
// the goroutines it looks at are the learner's, or only the caller.
func (c *C) awaitBlockedIn(frame string, itself bool) Caller {
	st := c.caller.Load()
	if st == nil {
		return CallerReturned
	}
	seen := CallerBusy
	c.poll(func() bool {
		select {
		case <-st.returned:
			seen = CallerReturned
			return true
		default:
		}
		gs := census()
		if !itself {
			gs = st.members(gs)
		}
		for _, g := range gs {
			if (!itself || g.id == st.id) && g.blocked() && strings.Contains(g.stack, frame) {
				seen = CallerBlocked
				return true
			}
		}
		return false
	})
	return seen
}

// Await calls done until it reports true, for at most one patience, and
// reports whether it did: a bounded wait for an event (a child process
// gone, a file closed) that nothing tells the check of.
func (c *C) Await(done func() bool) bool { return c.poll(done) }

// members returns the goroutines of all that belong to the learner's code:
// the caller, and every goroutine started by one of them. The goroutines
// alive when the call started are the check's, and so is a goroutine that
// one of them starts later. A goroutine whose parent has ended unseen was
// started, after the call began, by a goroutine that then returned: the
// learner's (one that started the workers and returned), since the check's
// goroutines start no such helpers.
func (st *callerState) members(all []goroutine) []goroutine {
	st.mu.Lock()
	defer st.mu.Unlock()
	alive := map[int64]bool{}
	for _, g := range all {
		alive[g.id] = true
	}
	for grew := true; grew; {
		grew = false
		for _, g := range all {
			if _, known := st.family[g.id]; known {
				continue
			}
			if learners, known := st.family[g.parent]; known {
				st.family[g.id], grew = learners, true
			} else if !alive[g.parent] {
				st.family[g.id], grew = true, true
			}
		}
	}
	var out []goroutine
	for _, g := range all {
		if st.family[g.id] {
			out = append(out, g)
		}
	}
	return out
}

// poll calls done until it reports true or the patience has passed, and
// reports whether it did. Between looks it yields, then backs off to a
// millisecond: each look stops the world for a moment.
func (c *C) poll(done func() bool) bool {
	deadline := time.Now().Add(c.patience)
	var wait time.Duration
	for !done() {
		if time.Now().After(deadline) {
			return false
		}
		if wait == 0 {
			runtime.Gosched()
		} else {
			time.Sleep(wait)
		}
		wait = min(max(2*wait, 10*time.Microsecond), time.Millisecond)
	}
	return true
}

// Blocks runs f in a goroutine of its own and reports whether that
// goroutine blocked, waiting for another goroutine (a lock the check holds,
// a channel), instead of returning; it looks for at most one patience.
// wait waits for f to return: call it once the check has let go of what f
// waits for.
func (c *C) Blocks(f func()) (blocked bool, wait func()) {
	done := make(chan struct{})
	ids := make(chan int64, 1)
	go func() {
		defer close(done)
		ids <- goid()
		f()
	}()
	id := <-ids
	c.poll(func() bool {
		select {
		case <-done:
			return true
		default:
		}
		for _, g := range census() {
			if g.id == id && g.blocked() {
				blocked = true
				return true
			}
		}
		return false
	})
	return blocked, func() { <-done }
}

// OnOneProcessor runs f with GOMAXPROCS set to 1, as on a machine with one
// core, or one so busy that a new goroutine runs only once its creator
// blocks. A check calls the learner's function in it where a mistake shows
// only when the goroutines start late: wg.Add inside the goroutine, which
// a Wait that runs first does not wait for. Correct answers do not care.
//
// On one processor the creator gives way only if it blocks or is
// preempted, and a garbage collection is what can make it block mid-loop
// (an allocation that must help the collector, or the collector starting
// its workers). So a [C.Call] inside f runs a collection before the
// learner's function starts: that starts it with the heap far from the
// next collection, and with a fresh time slice (the goroutine has waited
// for the collection), far from a preemption.
func (c *C) OnOneProcessor(f func()) {
	c.oneProcessor.Store(true)
	defer c.oneProcessor.Store(false)
	previous := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(previous)
	f()
}

// AwaitCallerItselfIn is [C.AwaitCallerIn] for the goroutine that runs the
// learner's function only, not the goroutines it started: it tells an answer
// that waits for its child in its own goroutine (cmd.Wait() before it
// returns) from one that leaves the wait to a goroutine of its own.
func (c *C) AwaitCallerItselfIn(frame string) Caller { return c.awaitBlockedIn(frame, true) }

// AwaitBlocked waits until at least n goroutines are blocked in a function
// whose frame contains frame, e.g. "check.(*draws).held(", but at most one
// patience, and reports whether they were. It looks at stack dumps, so it
// orders nothing for the race detector: a check that waits this way for
// the learner's goroutines to reach a point leaves what they did before it
// unordered with what the check lets happen next, as it would be in a
// program, where the race detector can see it.
func (c *C) AwaitBlocked(frame string, n int) bool {
	return c.poll(func() bool {
		k := 0
		for _, g := range census() {
			if g.blocked() && strings.Contains(g.stack, frame) {
				k++
			}
		}
		return k >= n
	})
}
