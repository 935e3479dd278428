package check

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// scene is the goroutines that the learner's code starts, watched from the
// outside. settle waits until every one of them is blocked: on a channel,
// in a select, a sync.Cond, a WaitGroup or a sleep, or as an iterator
// suspended between two values. That is what testing/synctest's Wait does
// inside a bubble, here without one (a check runs without a *testing.T).
//
// Nothing wakes a goroutine that every other goroutine waits for except
// the check itself (the learner's code runs no timers the check does not
// know of), so a settled scene stays settled until the check moves: it
// releases a task, and settles again. What the learner's code did in
// between, it did because of that one move. No outcome depends on how long
// anything takes, only on what the code does before it waits.
type scene struct {
	before map[int64]bool // the goroutines alive before the learner's code
}

// newScene remembers the goroutines alive now: the ones settle ignores.
func newScene() *scene {
	s := &scene{before: map[int64]bool{}}
	for _, g := range goroutines() {
		s.before[g.id] = true
	}
	return s
}

// settle waits until every goroutine started since newScene, but the
// caller, is blocked, and reports true; or, if that does not happen within
// patience (code that polls, or spins, never blocks), false.
func (s *scene) settle(patience time.Duration) bool {
	deadline := time.Now().Add(patience)
	pause := 20 * time.Microsecond
	for {
		if s.quiet() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		// A pause, not a spin: it leaves the CPU to the goroutines being
		// waited for. How long it is changes only how soon settle sees them
		// blocked, not what it sees.
		time.Sleep(pause)
		pause = min(2*pause, time.Millisecond)
	}
}

// quiet reports whether every goroutine started since newScene, but the
// caller, is blocked now.
func (s *scene) quiet() bool {
	gs := goroutines()
	for _, g := range gs[1:] { // gs[0] is the caller
		if !s.before[g.id] && busy(g) {
			return false
		}
	}
	return true
}

// goroutine is one goroutine of a stack dump: its ID, its state as the
// runtime prints it ("running", "chan receive", "select"...) and its
// frames' text.
type goroutine struct {
	id    int64
	state string
	stack string
}

// goroutines lists every goroutine, the caller first.
func goroutines() []goroutine {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var gs []goroutine
	for _, block := range bytes.Split(buf, []byte("\n\n")) {
		if g, ok := parseGoroutine(string(block)); ok {
			gs = append(gs, g)
		}
	}
	return gs
}

// parseGoroutine reads a block of a stack dump, whose first line is like
// "goroutine 19 [chan receive, 2 minutes]:" (the runtime may add details
// between the ID and the state).
func parseGoroutine(block string) (goroutine, bool) {
	header, stack, _ := strings.Cut(strings.TrimLeft(block, "\n"), "\n")
	rest, ok := strings.CutPrefix(header, "goroutine ")
	if !ok {
		return goroutine{}, false
	}
	idText, rest, _ := strings.Cut(rest, " ")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil {
		return goroutine{}, false
	}
	_, state, ok := strings.Cut(rest, "[")
	if !ok {
		return goroutine{}, false
	}
	state, _, _ = strings.Cut(state, "]")
	state, _, _ = strings.Cut(state, ",")
	for _, suffix := range []string{" (scan)", " (leaked)", " (durable)"} {
		state = strings.TrimSuffix(state, suffix)
	}
	return goroutine{id: id, state: state, stack: stack}, true
}

// busy reports whether g is doing something, or is about to: running,
// ready to run, in a system call, or waiting for a lock that someone
// holds for a moment. Every other state waits for an event.
func busy(g goroutine) bool {
	switch g.state {
	case "syscall":
		// os/signal's goroutine waits for a signal in a "system call"
		// for as long as the program runs.
		return !strings.Contains(g.stack, "os/signal.signal_recv")
	case "running", "runnable", "idle", "preempted", "copystack",
		"semacquire", "sync.Mutex.Lock", "sync.RWMutex.Lock", "sync.RWMutex.RLock",
		"GC assist marking", "GC assist wait", "garbage collection", "garbage collection scan",
		"stopping the world", "debug call", "GC mark termination":
		return true
	}
	return false
}

// startDriver runs drive, a check's driver, on a goroutine of its own from
// the moment begin is called: by the code under check, as its first step,
// so that the driver's first settle sees that code running. wait calls
// begin (the code may never have started) and returns what drive
// returned; it may be called again.
func startDriver[R any](drive func() R) (begin func(), wait func() R) {
	started := make(chan struct{})
	begin = sync.OnceFunc(func() { close(started) })
	out := make(chan R, 1)
	go func() {
		<-started
		out <- drive()
	}()
	var (
		once sync.Once
		r    R
	)
	wait = func() R {
		once.Do(func() {
			begin()
			r = <-out
		})
		return r
	}
	return begin, wait
}
