package worker

import (
	"sort"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/stacks"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// runtimeStates maps the runtime's goroutine states and wait reasons to
// the states of a timeline; the deadlock detector reads them too.
var runtimeStates = map[string]wire.State{
	"running": wire.StateRunning, "runnable": wire.StateRunning, "preempted": wire.StateRunning,
	"chan receive": wire.StateChan, "chan send": wire.StateChan,
	"chan receive (nil chan)": wire.StateChan, "chan send (nil chan)": wire.StateChan,
	"select": wire.StateSelect, "select (no cases)": wire.StateSelect,
	"sleep":           wire.StateSleep,
	"sync.Mutex.Lock": wire.StateSync, "sync.RWMutex.Lock": wire.StateSync, "sync.RWMutex.RLock": wire.StateSync,
	"sync.WaitGroup.Wait": wire.StateSync, "sync.Cond.Wait": wire.StateSync, "semacquire": wire.StateSync,
	"IO wait": wire.StateIO, "syscall": wire.StateIO,
}

// yaegiChanOps are the interpreter's functions for channel operations:
// they wait in a select (with the cell's context), which is a plain send
// or receive in the learner's code.
var yaegiChanOps = []string{interpPkg + "recv", interpPkg + "send"}

// stateOf says what g is doing, in the learner's terms.
func stateOf(g stacks.Goroutine) wire.State {
	s, ok := runtimeStates[g.State]
	if !ok {
		return wire.StateOther
	}
	if s == wire.StateSelect {
		for _, f := range g.Frames {
			if strings.HasPrefix(f.Func, "runtime.") || strings.HasPrefix(f.Func, "reflect.") {
				continue
			}
			for _, op := range yaegiChanOps {
				if strings.HasPrefix(f.Func, op) {
					return wire.StateChan
				}
			}
			break
		}
	}
	return s
}

// evalGoroutine creates the goroutine in which the interpreter runs a
// chunk of a cell: the cell's own code.
const evalGoroutine = interpPkg + "(*Interpreter).EvalWithContext"

// isOwnCode reports whether g runs the cell's own code (not a goroutine
// the cell started).
func isOwnCode(g stacks.Goroutine) bool { return g.CreatedBy == evalGoroutine }

// startedBy says how g was started, for its lane in a chart: "go" for a go
// statement in the learner's code (the interpreter does not say which
// function), "wg.Go", "AfterFunc", or the compiled function it runs.
func startedBy(g stacks.Goroutine) string {
	switch {
	case g.CreatedBy == "sync.(*WaitGroup).Go":
		return "wg.Go"
	case g.CreatedBy == "time.goFunc":
		return "AfterFunc"
	case strings.HasPrefix(g.CreatedBy, interpPkg):
		return "go"
	}
	if n := len(g.Frames); n > 0 {
		if entry := g.Frames[n-1].Func; !strings.HasPrefix(entry, "runtime.") && !strings.HasPrefix(entry, interpPkg) {
			return shortFunc(entry)
		}
	}
	return shortFunc(g.CreatedBy)
}

// shortFunc drops the package path of a function's name, keeping the
// package: "github.com/x/lessons/00-overview.square" is "00-overview.square".
func shortFunc(fn string) string {
	return fn[strings.LastIndexByte(fn, '/')+1:]
}

// sortTracks orders tracks as a chart shows them: the cell's own code
// first, then by when they were first seen, then by ID.
func sortTracks(ts []wire.Track) {
	first := func(t wire.Track) int64 {
		if len(t.States) == 0 {
			return 0
		}
		return int64(t.States[0].From)
	}
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.Own != b.Own {
			return a.Own
		}
		if first(a) != first(b) {
			return first(a) < first(b)
		}
		return a.ID < b.ID
	})
}
