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
// time and context functions are wrapped to keep count.
type timers struct {
	mu        sync.Mutex
	deadlines []time.Time              // time.After, context timeouts: pending until then
	live      []weak.Pointer[struct{}] // time.NewTimer, AfterFunc, NewTicker: pending while reachable
	forever   bool                     // time.Tick: its ticker is never stopped
	lastGC    time.Time
}

// add notes a timer that fires once at deadline.
func (t *timers) add(deadline time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.deadlines = append(t.deadlines, deadline)
}

// track notes a timer object that may be reset or ticks: it counts as
// pending as long as the program can reach it.
func track[T any](t *timers, obj *T) *T {
	t.mu.Lock()
	defer t.mu.Unlock()
	// A weak pointer to the object, seen as an untyped struct pointer.
	t.live = append(t.live, weak.Make((*struct{})(reflect.ValueOf(obj).UnsafePointer())))
	return obj
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
		if d.After(now) {
			kept = append(kept, d)
		}
	}
	t.deadlines = kept
	if len(kept) > 0 {
		return true
	}
	if len(t.live) == 0 {
		return false
	}
	if now.Sub(t.lastGC) < 500*time.Millisecond {
		return true
	}
	t.lastGC = now
	t.mu.Unlock()
	runtime.GC()
	t.mu.Lock()
	live := t.live[:0]
	for _, w := range t.live {
		if w.Value() != nil {
			live = append(live, w)
		}
	}
	t.live = live
	return len(live) > 0
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
	tm["NewTimer"] = reflect.ValueOf(func(d time.Duration) *time.Timer { return track(t, time.NewTimer(d)) })
	tm["AfterFunc"] = reflect.ValueOf(func(d time.Duration, f func()) *time.Timer { return track(t, time.AfterFunc(d, f)) })
	tm["NewTicker"] = reflect.ValueOf(func(d time.Duration) *time.Ticker { return track(t, time.NewTicker(d)) })
	tm["Tick"] = reflect.ValueOf(func(d time.Duration) <-chan time.Time {
		t.mu.Lock()
		t.forever = true
		t.mu.Unlock()
		return time.Tick(d)
	})
	cm := map[string]reflect.Value{}
	cm["WithTimeout"] = reflect.ValueOf(func(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
		t.add(time.Now().Add(d))
		return context.WithTimeout(parent, d)
	})
	cm["WithDeadline"] = reflect.ValueOf(func(parent context.Context, d time.Time) (context.Context, context.CancelFunc) {
		t.add(d)
		return context.WithDeadline(parent, d)
	})
	cm["WithTimeoutCause"] = reflect.ValueOf(func(parent context.Context, d time.Duration, cause error) (context.Context, context.CancelFunc) {
		t.add(time.Now().Add(d))
		return context.WithTimeoutCause(parent, d, cause)
	})
	cm["WithDeadlineCause"] = reflect.ValueOf(func(parent context.Context, d time.Time, cause error) (context.Context, context.CancelFunc) {
		t.add(d)
		return context.WithDeadlineCause(parent, d, cause)
	})
	return interp.Exports{"time/time": tm, "context/context": cm}
}
