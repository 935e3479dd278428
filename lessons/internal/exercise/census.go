package exercise

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
)

// goroutine is one goroutine of a stack dump, as runtime.Stack prints it:
// "goroutine 7 [chan receive]:", its frames, and "created by f in
// goroutine 1".
type goroutine struct {
	id     int64
	parent int64  // the goroutine that started it; 0 for the first one
	state  string // "chan receive", "sync.WaitGroup.Wait", "sleep", "running", …
	stack  string // its frames, as the dump prints them
}

// blocked reports whether the goroutine waits for another goroutine: on a
// channel, a WaitGroup, a lock, a condition. A goroutine that runs, is
// ready to run, sleeps (it will wake up by itself) or is in a system call is
// not blocked, except one waiting in the system for a child process to
// exit (os/exec's Cmd.Wait): that waits for another program, which a check
// of child processes holds as it holds the calls it hands out.
func (g goroutine) blocked() bool {
	if g.state == "syscall" && strings.Contains(g.stack, "os.(*Process).wait(") {
		return true
	}
	switch g.state {
	case "running", "runnable", "sleep", "syscall", "preempted", "GC assist wait", "GC assist marking", "":
		return false
	}
	return true
}

// census lists every goroutine of the program with its state. It stops the
// world for a moment, like every full stack dump.
func census() []goroutine {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return parseCensus(buf[:n])
		}
		buf = make([]byte, 2*len(buf))
	}
}

// parseCensus reads the goroutines of a full stack dump.
func parseCensus(dump []byte) []goroutine {
	var out []goroutine
	for block := range bytes.SplitSeq(dump, []byte("\n\n")) {
		header, rest, _ := strings.Cut(string(block), "\n")
		idText, ok := strings.CutPrefix(header, "goroutine ")
		if !ok {
			continue
		}
		idText, state, ok := strings.Cut(idText, " [")
		if !ok {
			continue
		}
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil {
			continue
		}
		state, _, _ = strings.Cut(strings.TrimSuffix(state, "]:"), ",")
		g := goroutine{id: id, state: state, stack: rest}
		if i := strings.LastIndex(rest, " in goroutine "); i >= 0 {
			num, _, _ := strings.Cut(rest[i+len(" in goroutine "):], "\n")
			g.parent, _ = strconv.ParseInt(num, 10, 64)
		}
		out = append(out, g)
	}
	return out
}

// goid returns the calling goroutine's ID, from the first line of its stack
// trace.
func goid() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	idText, _ := strings.CutPrefix(string(buf[:n]), "goroutine ")
	idText, _, _ = strings.Cut(idText, " ")
	id, _ := strconv.ParseInt(idText, 10, 64)
	return id
}
