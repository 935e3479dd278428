package worker

import (
	"context"
	"reflect"
	"runtime"
	"sync"
	"time"
	"weak"

	"github.com/traefik/yaegi/interp"
)

// timers tracks the timers the learner's code creates, so the deadlock
// detector knows whether a blocked goroutine may still be woken by one.
// Go's runtime knows its timers but does not tell, so the interpreter's
// time and context functions are wrapped to keep count, and the front end
// routes the timers' Stop and Reset through the helpers below. A timer
// that was stopped, or has fired (and, for AfterFunc, run its function),
// wakes nobody.
type timers struct {
	mu        sync.Mutex
	deadlines []*deadline                            // time.After, context deadlines
	tracked   map[weak.Pointer[struct{}]]*timerState // NewTimer, AfterFunc, NewTicker, by the object
	forever   bool                                   // time.Tick: its ticker is never stopped
	lastGC    time.Time
}

// firingGrace is how long after its time a timer that fires once still
// counts as pending: the runtime sends on a timer's channel, or a context
// is cancelled, when the scheduler gets to it, a moment after the time.
const firingGrace = 100 * time.Millisecond

// deadline is a timer that fires once at a time: time.After, or a
// context's deadline (done once the context is, by its deadline or a
// cancel).
type deadline struct {
	at   time.Time
	done bool
}

// timerKind says how a tracked timer fires.
type timerKind int

const (
	channelTimer timerKind = iota // time.NewTimer: one value on its channel
	funcTimer                     // time.AfterFunc: its function, once
	ticker                        // time.NewTicker: a value each period, until stopped
)

// timerState is what the detector knows of a timer object.
type timerState struct {
	kind     timerKind
	obj      weak.Pointer[struct{}]
	armed    bool      // started or reset, and not stopped or fired since
	deadline time.Time // when it fires, if armed (not for a ticker)
	running  int       // a funcTimer's calls of its function under way
}

// pending reports whether the timer may still wake a goroutine. A channel
// timer or a ticker the program cannot reach wakes nobody; reachable says
// whether it can, as far as the last garbage collection knows.
func (s *timerState) pending(now time.Time, reachable bool) bool {
	switch s.kind {
	case funcTimer: // the runtime holds it: reachable or not, it runs
		return s.armed || s.running > 0
	case channelTimer:
		return s.armed && now.Before(s.deadline.Add(firingGrace)) && reachable
	}
	return s.armed && reachable
}

// weakOf is a weak pointer to a timer object, seen as an untyped struct
// pointer: the key of its state.
func weakOf[T any](obj *T) weak.Pointer[struct{}] {
	return weak.Make((*struct{})(reflect.ValueOf(obj).UnsafePointer()))
}

// add notes a timer that fires once at deadline, and returns it.
func (t *timers) add(at time.Time) *deadline {
	t.mu.Lock()
	defer t.mu.Unlock()
	d := &deadline{at: at}
	t.deadlines = append(t.deadlines, d)
	return d
}

// addContext notes the deadline of ctx, done once ctx is.
func (t *timers) addContext(ctx context.Context, at time.Time) {
	d := t.add(at)
	context.AfterFunc(ctx, func() {
		t.mu.Lock()
		defer t.mu.Unlock()
		d.done = true
	})
}

// track notes a timer object and its state.
func track[T any](t *timers, obj *T, s *timerState) *T {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tracked == nil {
		t.tracked = map[weak.Pointer[struct{}]]*timerState{}
	}
	s.obj = weakOf(obj)
	t.tracked[s.obj] = s
	return obj
}

// update changes the state of a tracked timer; one the learner's code did
// not make is left alone.
func update[T any](t *timers, obj *T, change func(*timerState)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if s, ok := t.tracked[weakOf(obj)]; ok {
		change(s)
	}
}

// pending reports whether a timer might still fire. It may run the
// garbage collector, at most twice a second, to find unreachable timers.
func (t *timers) pending(now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.forever {
		return true
	}
	kept := t.deadlines[:0]
	for _, d := range t.deadlines {
		if !d.done && now.Before(d.at.Add(firingGrace)) {
			kept = append(kept, d)
		}
	}
	clear(t.deadlines[len(kept):])
	t.deadlines = kept
	if len(kept) > 0 {
		return true
	}
	// Those that may fire if reachable; which are, a collection tells.
	ifReachable := false
	for _, s := range t.tracked {
		if s.pending(now, true) {
			if s.kind == funcTimer {
				return true
			}
			ifReachable = true
		}
	}
	if !ifReachable {
		t.forget()
		return false
	}
	if now.Sub(t.lastGC) < 500*time.Millisecond {
		return true
	}
	t.lastGC = now
	t.mu.Unlock()
	runtime.GC()
	t.mu.Lock()
	for _, s := range t.tracked {
		if s.pending(now, s.obj.Value() != nil) {
			return true
		}
	}
	t.forget()
	return false
}

// forget drops the states of timers that are gone and can fire no more.
func (t *timers) forget() {
	for k, s := range t.tracked {
		if s.obj.Value() == nil && !s.pending(time.Now(), false) {
			delete(t.tracked, k)
		}
	}
}

// symbols returns the time and context functions that create timers,
// wrapped so that their timers are tracked: the interpreter uses them
// instead of the plain ones.
func (t *timers) symbols() interp.Exports {
	tm := map[string]reflect.Value{}
	tm["After"] = reflect.ValueOf(func(d time.Duration) <-chan time.Time {
		t.add(time.Now().Add(d))
		return time.After(d)
	})
	tm["NewTimer"] = reflect.ValueOf(func(d time.Duration) *time.Timer {
		s := &timerState{kind: channelTimer, armed: true, deadline: time.Now().Add(d)}
		return track(t, time.NewTimer(d), s)
	})
	tm["AfterFunc"] = reflect.ValueOf(func(d time.Duration, f func()) *time.Timer {
		s := &timerState{kind: funcTimer, armed: true, deadline: time.Now().Add(d)}
		return track(t, time.AfterFunc(d, func() {
			t.started(s)
			defer t.finished(s)
			f()
		}), s)
	})
	tm["NewTicker"] = reflect.ValueOf(func(d time.Duration) *time.Ticker {
		return track(t, time.NewTicker(d), &timerState{kind: ticker, armed: true})
	})
	tm["Tick"] = reflect.ValueOf(func(d time.Duration) <-chan time.Time {
		t.mu.Lock()
		t.forever = true
		t.mu.Unlock()
		return time.Tick(d)
	})
	cm := map[string]reflect.Value{}
	cm["WithTimeout"] = reflect.ValueOf(func(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
		at := time.Now().Add(d)
		ctx, cancel := context.WithTimeout(parent, d)
		t.addContext(ctx, at)
		return ctx, cancel
	})
	cm["WithDeadline"] = reflect.ValueOf(func(parent context.Context, at time.Time) (context.Context, context.CancelFunc) {
		ctx, cancel := context.WithDeadline(parent, at)
		t.addContext(ctx, at)
		return ctx, cancel
	})
	cm["WithTimeoutCause"] = reflect.ValueOf(func(parent context.Context, d time.Duration, cause error) (context.Context, context.CancelFunc) {
		at := time.Now().Add(d)
		ctx, cancel := context.WithTimeoutCause(parent, d, cause)
		t.addContext(ctx, at)
		return ctx, cancel
	})
	cm["WithDeadlineCause"] = reflect.ValueOf(func(parent context.Context, at time.Time, cause error) (context.Context, context.CancelFunc) {
		ctx, cancel := context.WithDeadlineCause(parent, at, cause)
		t.addContext(ctx, at)
		return ctx, cancel
	})
	return interp.Exports{"time/time": tm, "context/context": cm}
}

// started notes that a funcTimer's function is called: the firing it was
// armed for has come, unless a Reset has armed it for later since.
func (t *timers) started(s *timerState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s.running++
	if !time.Now().Before(s.deadline) {
		s.armed = false
	}
}

// finished notes that a funcTimer's function has returned.
func (t *timers) finished(s *timerState) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s.running--
}

// The helpers that stand for the timers' methods (see wire.TimerStopFunc).

func (t *timers) timerStop(tm *time.Timer) func() bool {
	return func() bool {
		active := tm.Stop()
		update(t, tm, func(s *timerState) {
			// A function timer that had fired is disarmed by the call of
			// its function, which may not have begun.
			if active || s.kind == channelTimer {
				s.armed = false
			}
		})
		return active
	}
}

func (t *timers) timerReset(tm *time.Timer) func(time.Duration) bool {
	return func(d time.Duration) bool {
		update(t, tm, func(s *timerState) { s.armed, s.deadline = true, time.Now().Add(d) })
		return tm.Reset(d)
	}
}

func (t *timers) tickerStop(tk *time.Ticker) func() {
	return func() {
		tk.Stop()
		update(t, tk, func(s *timerState) { s.armed = false })
	}
}

func (t *timers) tickerReset(tk *time.Ticker) func(time.Duration) {
	return func(d time.Duration) {
		update(t, tk, func(s *timerState) { s.armed = true })
		tk.Reset(d)
	}
}
