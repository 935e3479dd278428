package check

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// shape is what a learner's Counter is made of: the fields that could keep
// two goroutines from changing its count at once.
type shape struct {
	name      string        // the Counter's type, e.g. "*exercises.Counter"
	fields    []string      // its fields, e.g. "n int"
	pointer   bool          // the Counter is a pointer to a struct: its fields can be reached
	mutexes   []*sync.Mutex // its own mutexes, in place
	rwMutexes []*sync.RWMutex
	atomic    bool     // a sync/atomic type
	atomicInt bool     // an int32, int64, uint32, uint64 or uintptr, which atomic.AddInt64 and its kin take
	opaque    bool     // a pointer, interface, channel, map, func or other sync type: something the check cannot look into
	nilLocks  []string // fields that point to a mutex, and are nil: "mu *sync.Mutex"
	once      bool     // a sync.Once, which can make such a mutex safely on first use
}

var (
	mutexType   = reflect.TypeFor[sync.Mutex]()
	rwMutexType = reflect.TypeFor[sync.RWMutex]()
	onceType    = reflect.TypeFor[sync.Once]()
)

// shapeOf looks at the fields of counter's type.
func shapeOf(counter Counter) shape {
	v := reflect.ValueOf(counter)
	s := shape{name: v.Type().String()}
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
		s.pointer = true
		s.walk(v.Elem(), "")
	} else if v.Kind() == reflect.Struct {
		s.walk(v, "")
	} else {
		s.opaque = true
	}
	return s
}

// walk records the fields of the struct v, in place when v is addressable.
func (s *shape) walk(v reflect.Value, prefix string) {
	for i := range v.NumField() {
		f, sf := v.Field(i), v.Type().Field(i)
		s.fields = append(s.fields, prefix+sf.Name+" "+sf.Type.String())
		switch t := sf.Type; {
		case t == mutexType:
			if f.CanAddr() {
				s.mutexes = append(s.mutexes, (*sync.Mutex)(unsafe.Pointer(f.UnsafeAddr())))
			}
		case t == rwMutexType:
			if f.CanAddr() {
				s.rwMutexes = append(s.rwMutexes, (*sync.RWMutex)(unsafe.Pointer(f.UnsafeAddr())))
			}
		case t == reflect.PointerTo(mutexType) || t == reflect.PointerTo(rwMutexType):
			if f.IsNil() {
				s.nilLocks = append(s.nilLocks, prefix+sf.Name+" "+t.String())
			}
		case t == onceType:
			s.once = true
			s.opaque = true
		case t.PkgPath() == "sync/atomic":
			s.atomic = true
		case t.PkgPath() == "sync":
			s.opaque = true // a WaitGroup, a Cond, a Map, a Once: not a counter's guard the check can hold
		case t.Kind() == reflect.Struct:
			s.walk(f, prefix+sf.Name+".")
		}
		switch sf.Type.Kind() {
		case reflect.Int32, reflect.Int64, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			s.atomicInt = true
		case reflect.Pointer, reflect.Interface, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer, reflect.Array, reflect.Slice:
			s.opaque = true
		}
	}
}

// guarded reports whether any field could guard the count.
func (s shape) guarded() bool {
	return len(s.mutexes) > 0 || len(s.rwMutexes) > 0 || s.atomic || s.atomicInt || s.opaque
}

// lostIncrements is the likely mistake behind lost increments, by shape.
func (s shape) lostIncrements() string {
	switch {
	case s.atomic:
		return "the count is atomic, yet increments were lost: a Load followed by a Store, c.n.Store(c.n.Load() + 1), is two " +
			"steps, and another goroutine's Store lands between them. Use the one atomic step: c.n.Add(1)"
	case s.atomicInt && len(s.mutexes)+len(s.rwMutexes) == 0:
		return "n++ on an integer is a read, an add and a write, whatever its size: use atomic.AddInt64(&c.n, 1) (or make n an " +
			"atomic.Int64 and call its Add), or guard n with a sync.Mutex"
	case len(s.mutexes)+len(s.rwMutexes) > 0:
		return "increments were lost although Inc locks the Counter's mutex: n++ must run while the lock is held, between " +
			"Lock and Unlock (c.mu.Lock(); defer c.mu.Unlock(); c.n++)"
	}
	return "n++ is a read, an add and a write: two goroutines read the same n and both write n+1. " +
		"Guard n with a sync.Mutex field that Inc and Value lock, or use an atomic.Int64"
}

// checkGuards finds, without counting on lost increments, the counters
// whose count nothing guards: one with no field that could guard it, and
// one whose Inc or Value does not take the Counter's own lock. For the
// second, it holds the lock itself and looks whether the method waits.
func checkGuards(c *exercise.C, newCounter func() Counter, s shape) {
	if !s.pointer {
		return // a Counter that is not a pointer works on copies: the count shows it
	}
	if !s.guarded() {
		c.Fail(exercise.Mistake{
			Expected: "a Counter with a field that guards n: a sync.Mutex that both methods lock, or an atomic.Int64 in place of n",
			Got:      fmt.Sprintf("%s has only %s: nothing in it can keep two goroutines from changing n at once", s.name, strings.Join(s.fields, ", ")),
			Likely: "n is not guarded: n++ with no lock, or a mutex made inside Inc (var mu sync.Mutex in a method is a new " +
				"mutex on every call, so each goroutine locks its own and they all change n at once). Make the mutex a field of " +
				"Counter, so that every call locks the same one",
		})
	}
	if s.atomic || s.atomicInt || s.opaque || len(s.mutexes)+len(s.rwMutexes) == 0 {
		return // the count may be atomic, or guarded by something the check cannot hold
	}
	var counter Counter
	c.Call("creating a Counter", "", func() { counter = newCounter() })
	held := shapeOf(counter)
	lock := func(read bool) (unlock func()) {
		for _, m := range held.mutexes {
			m.Lock()
		}
		for _, m := range held.rwMutexes {
			if read {
				m.RLock()
			} else {
				m.Lock()
			}
		}
		return func() {
			for _, m := range held.mutexes {
				m.Unlock()
			}
			for _, m := range held.rwMutexes {
				if read {
					m.RUnlock()
				} else {
					m.Unlock()
				}
			}
		}
	}
	// waits holds the Counter's locks (read locks of its RWMutexes, with
	// read) while method runs, and reports whether method waited for them.
	waits := func(method string, f func(), read bool) bool {
		unlock := lock(read)
		blocked, wait := c.Blocks(f)
		unlock()
		c.Call(fmt.Sprintf("Counter.%s(), once the check let go of the Counter's locks", method), stillWaits, wait)
		return blocked
	}

	if len(held.rwMutexes) > 0 && !waits("Inc", counter.Inc, true) {
		if waits("Inc", counter.Inc, false) {
			c.Fail(exercise.Mistake{
				Expected: "Inc to wait while another goroutine holds a read lock of the Counter's RWMutex: changing n takes the write lock",
				Got:      "the check held a read lock (RLock) of the Counter's RWMutex, and Inc ran all the same",
				Likely: "Inc takes a read lock (RLock) to change n: read locks do not keep each other out, so two Incs run n++ at once. " +
					"Take the write lock, c.mu.Lock(), to change n; RLock is for reading",
			})
		}
		c.Fail(incTakesNoLock)
	}
	if len(held.rwMutexes) == 0 && !waits("Inc", counter.Inc, false) {
		c.Fail(incTakesNoLock)
	}
	if !waits("Value", func() { counter.Value() }, false) {
		c.Fail(exercise.Mistake{
			Expected: "Value to wait while the Counter's mutex is locked: reading n while another goroutine's Inc writes it is a data race",
			Got:      "the check locked the Counter's mutex, and Value returned all the same: it read n without the lock",
			Likely: "Value reads n without the lock: the read can come in the middle of an Inc, a data race the race detector " +
				"reports. Lock in Value too (an RWMutex's RLock is enough to read)",
		})
	}
	if len(held.mutexes) < 2 || len(held.rwMutexes) > 0 {
		return
	}
	// Both wait while every mutex is held: one of them must be the same.
	waitsOn := func(m *sync.Mutex, method string, f func()) bool {
		m.Lock()
		blocked, wait := c.Blocks(f)
		m.Unlock()
		c.Call(fmt.Sprintf("Counter.%s(), once the check let go of the Counter's lock", method), stillWaits, wait)
		return blocked
	}
	for _, m := range held.mutexes {
		if waitsOn(m, "Inc", counter.Inc) && waitsOn(m, "Value", func() { counter.Value() }) {
			return
		}
	}
	c.Fail(exercise.Mistake{
		Expected: "Inc and Value to lock the same mutex",
		Got:      fmt.Sprintf("%s has %d mutexes, and no one of them is locked by both Inc and Value", s.name, len(held.mutexes)),
		Likely: "Inc and Value lock different mutexes: a lock keeps out only those who lock the same one, so Value reads n " +
			"while an Inc changes it. Give the Counter one mutex, and lock it in both",
	})
}

// stillWaits is the likely mistake of a method that still waits once the
// check has let go of the Counter's locks.
const stillWaits = "it still waits after the check unlocked the Counter's mutex, so it locked another one: a copy. A method " +
	"with a value receiver, func (c Counter) Value(), gets a copy of the Counter, its mutex copied as it was, locked " +
	"(go vet reports it: \"passes lock by value\"). Give every method a pointer receiver, func (c *Counter). Or it " +
	"locks twice: Lock is not reentrant"

// incTakesNoLock is the mistake of an Inc that changes n without the
// Counter's mutex, which the check held.
var incTakesNoLock = exercise.Mistake{
	Expected: "Inc to wait while the Counter's mutex is locked: it must hold that mutex to change n",
	Got:      "the check locked the Counter's mutex, and Inc returned all the same: it changed n without that lock",
	Likely: "Inc does not lock the Counter's mutex: it locks a mutex of its own (var mu sync.Mutex inside Inc is a new one " +
		"on every call), or none. Call c.mu.Lock() and defer c.mu.Unlock() at the top of Inc",
}

// checkLockMadeLate fails the check when a field that points to a mutex was
// nil in a new Counter and is set once the Counter has been used (fresh is
// the new Counter's shape, used the same Counter's after Inc and Value),
// with no sync.Once to make it: the first calls of two goroutines that come
// together each see nil, each make a mutex of their own, lock it, and
// change n at once. Their lost increments are too rare to count on, and the
// race detector sees them only when two first calls do come together.
func checkLockMadeLate(c *exercise.C, fresh, used shape) {
	if used.once {
		return
	}
	for _, field := range fresh.nilLocks {
		if slices.Contains(used.nilLocks, field) {
			continue
		}
		c.Fail(exercise.Mistake{
			Expected: "the Counter's mutex ready before its first call",
			Got:      fmt.Sprintf("%s was nil in a new Counter, and the first call set it", field),
			Likely: "the mutex is made on first use, with nothing guarding that: two goroutines whose first calls come together " +
				"each see nil, each make a mutex of their own, and change n at once. Make the field a sync.Mutex, not a " +
				"pointer: its zero value is ready to use",
		})
	}
}
