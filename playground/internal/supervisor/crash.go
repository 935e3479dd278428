package supervisor

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// Crash is how a worker process ended.
type Crash struct {
	// Status is "exit status 2" or "signal: killed", as os/exec says it.
	Status string
	// ExitCode is the exit status, or -1 if a signal ended the worker.
	ExitCode int
	// Signal is the signal that ended the worker, if one did.
	Signal syscall.Signal
	// Report is the first lines the Go runtime printed: "panic: boom",
	// "fatal error: all goroutines are asleep - deadlock!".
	Report string
	// Goroutine is the goroutine the runtime says crashed, or 0.
	Goroutine int64
	// Frames are the interpreted functions the panic unwound, innermost
	// first, if the crash was a panic in interpreted code.
	Frames []wire.Frame
	// Killed is set when the supervisor killed the worker (a second
	// Ctrl-C).
	Killed bool
	// Blocked are the learner's goroutines of a deadlock, as the worker
	// found them, the cell's own first.
	Blocked []wire.Goroutine
	// Exec is the program that the learner's code replaced the worker
	// with (syscall.Exec); how it ended is that program's end.
	Exec string
	// Held is what the exec'd program wrote on standard error that was
	// held back as the possible start of a crash report.
	Held []byte
}

// parseCrash reads the exit state and the runtime's crash output.
func parseCrash(state *os.ProcessState, out []byte) *Crash {
	c := &Crash{Status: "exited", ExitCode: -1}
	if state != nil {
		c.Status = state.String()
		c.ExitCode = state.ExitCode()
		if ws, ok := state.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			c.Signal = ws.Signal()
		}
	}
	c.Report, c.Goroutine = crashReport(string(out))
	return c
}

// crashReport keeps the lines that say what happened — up to the first
// blank line, without the host's stack — and finds the crashed goroutine.
func crashReport(out string) (report string, goroutine int64) {
	var lines []string
	rest := out
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		if line == "" {
			break
		}
		if strings.HasPrefix(line, "runtime: sp=") || strings.HasPrefix(line, "runtime: g ") {
			continue // the host's registers
		}
		line = strings.TrimSuffix(line, " [recovered, repanicked]")
		line = strings.TrimSuffix(line, " [recovered]")
		lines = append(lines, line)
	}
	for _, line := range strings.Split(rest, "\n") {
		if id, ok := goroutineHeader(line); ok {
			goroutine = id
			break
		}
	}
	return strings.Join(lines, "\n"), goroutine
}

// goroutineHeader parses "goroutine 12 [running]:".
func goroutineHeader(line string) (int64, bool) {
	rest, ok := strings.CutPrefix(line, "goroutine ")
	if !ok {
		return 0, false
	}
	num, state, ok := strings.Cut(rest, " ")
	if !ok || !strings.HasPrefix(state, "[") {
		return 0, false
	}
	id, err := strconv.ParseInt(num, 10, 64)
	return id, err == nil
}

// Deadlock reports whether the runtime ended the worker because every
// goroutine was blocked.
func (c *Crash) Deadlock() bool {
	return strings.Contains(c.Report, "all goroutines are asleep - deadlock!")
}

// Ended reports whether the worker ended as any process may, and not by
// a crash of Go's runtime nor by the playground's hand: by os.Exit, or by
// a signal.
func (c *Crash) Ended() bool {
	return !c.Killed && c.Exec == "" && c.Report == ""
}

// Panic reports whether a panic nobody recovered ended the worker.
func (c *Crash) Panic() bool { return strings.HasPrefix(c.Report, "panic: ") }

// What says in one line what ended the worker.
func (c *Crash) What() string {
	switch {
	case c.Killed:
		return "the playground killed the worker process"
	case c.Exec != "":
		return fmt.Sprintf("syscall.Exec replaced the worker process with %s, which ended (%s)", c.Exec, c.Status)
	case c.Report != "":
		first, _, _ := strings.Cut(c.Report, "\n")
		return first
	case c.Signal != 0:
		return fmt.Sprintf("the worker process was killed by a signal (%v)", c.Signal)
	default:
		return fmt.Sprintf("the program called os.Exit(%d)", c.ExitCode)
	}
}
