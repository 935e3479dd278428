package repl

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/supervisor"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// reporter writes what became of a cell.
type reporter struct {
	fe  *frontend.Session
	out io.Writer
	// script is set when a program runs once (-e, a file): a crash ends
	// it, nothing is restarted.
	script bool
	// program is set when the script is a whole program (a file, or
	// standard input that starts with a package clause): it ends as a
	// compiled program does, with nothing added on os.Exit.
	program bool
}

// compileErrors writes the errors that kept a cell from running.
func (r *reporter) compileErrors(current string, err error) {
	var list frontend.ErrorList
	switch e := err.(type) {
	case frontend.ErrorList:
		list = e
	case frontend.Error:
		list = frontend.ErrorList{e}
	default:
		fmt.Fprintf(r.out, "error: %v\n", err)
		return
	}
	for _, e := range list {
		fmt.Fprint(r.out, e.Format(current))
	}
}

// evalError writes a chunk's failure: a compile error of the interpreter
// (or, better, go/types' errors for the cell, if it found some), or a
// panic in the cell's own goroutine.
func (r *reporter) evalError(p *frontend.Program, e *wire.Error) {
	current := p.Source.Name
	if e.Panic {
		fmt.Fprintf(r.out, "panic: %s\n", e.Msg)
		r.frames(current, e.Frames)
		if !r.script {
			fmt.Fprintln(r.out, "(The cell's own goroutine panicked, so the REPL caught it and goes on. A panic in any other goroutine ends the worker process.)")
		}
		return
	}
	if len(p.CheckErrors) > 0 {
		r.compileErrors(current, p.CheckErrors)
		return
	}
	fmt.Fprint(r.out, r.fe.Locate(cleanInterpreterMessage(e.Msg)).Format(current))
}

// cleanInterpreterMessage drops what the interpreter adds that means
// nothing to the learner.
func cleanInterpreterMessage(msg string) string {
	return strings.TrimSuffix(strings.TrimSpace(msg), ":")
}

// frames writes an interpreted stack, innermost first. The interpreter
// knows where each function starts, not the line that panicked.
func (r *reporter) frames(current string, frames []wire.Frame) {
	if len(frames) == 0 {
		return
	}
	var lines []string
	for _, f := range frames {
		name := funcName(f.Func)
		src, line, _, ok := r.fe.Position(f.Pos)
		if name == "the cell" && (!ok || r.program) {
			continue // the front end's code that runs the cell, or a program's main
		}
		where := f.Pos
		if ok {
			e := frontend.Error{Src: src, Line: line, Col: 1}
			where = strings.TrimSuffix(e.Where(current), ":1")
		}
		lines = append(lines, fmt.Sprintf("    %-28s %s\n", name, where))
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(r.out, "\nin your code, innermost first (yaegi gives the first line of each function, not the line that panicked):")
	fmt.Fprint(r.out, strings.Join(lines, ""))
}

// funcName turns the interpreter's name for a function into the learner's.
func funcName(fn string) string {
	switch {
	case strings.HasSuffix(fn, ".func"):
		return "a function literal"
	case fn == "main" || strings.HasPrefix(fn, "main."+frontend.CellFuncPrefix):
		return "the cell"
	case fn == "main."+frontend.MainFunc:
		return "main()"
	}
	return strings.TrimPrefix(fn, "main.") + "()"
}

// crash writes how the worker died, what it means, and how it was
// restarted; current is the cell (or file) that was running.
func (r *reporter) crash(current string, c *supervisor.Crash, rs *supervisor.Restart) {
	if c.Exec != "" {
		_, _ = r.out.Write(c.Held)
		if r.script { // the program became another, and ended as that one did
			return
		}
	}
	if r.program && c.Ended() {
		return // os.Exit(n) or a signal: the exit status says it, as a compiled program's does
	}
	if c.Report != "" {
		fmt.Fprintln(r.out, c.Report)
	}
	if c.Deadlock() {
		r.blocked(current, c.Blocked)
	}
	r.frames("", c.Frames)
	fmt.Fprintln(r.out)
	fmt.Fprintln(r.out, explain(c, r.script))
	if r.script {
		return
	}
	r.restart(rs)
}

// explain says what ended the worker, as a lesson in processes.
func explain(c *supervisor.Crash, script bool) string {
	whole := "the worker process"
	if script {
		whole = "the program"
	}
	switch {
	case c.Killed:
		return "The cell did not stop, so the playground killed the worker process."
	case c.Exec != "":
		return fmt.Sprintf("syscall.Exec replaced %s with %s, which has ended (%s): a process that execs\n"+
			"becomes the other program, and does not come back.", whole, c.Exec, c.Status)
	case strings.Contains(c.Report, "main called runtime.Goexit"):
		return "main's goroutine left by runtime.Goexit, and the other goroutines have all ended: nothing can ever\n" +
			"happen again. Go ends such a program: here " + whole + " (" + c.Status + ")."
	case c.Deadlock():
		return "Every goroutine was blocked — on a channel, a lock or a WaitGroup — and no timer could wake one,\n" +
			"so nothing could ever happen again. Go ends such a program: here " + whole + " (" + c.Status + ")."
	case c.Panic():
		return "A panic that no deferred recover stops ends the whole process, whichever goroutine it is in:\n" +
			"here " + whole + " (" + c.Status + "). Processes isolate such crashes; goroutines share one fate."
	case strings.Contains(c.Report, "concurrent map"):
		return "Goroutines used a map at the same time; Go stops a program that does, to keep the map from\n" +
			"being corrupted (" + c.Status + "). Guard the map with a sync.Mutex, or use sync.Map."
	case strings.Contains(c.Report, "stack overflow"):
		return "A function called itself without end, until its goroutine's stack was full (" + c.Status + ")."
	case c.Report != "":
		return "The Go runtime stopped " + whole + " (" + c.Status + ")."
	case c.Signal != 0:
		return fmt.Sprintf("A signal (%v) ended %s: a process can be killed from outside, a goroutine cannot.", c.Signal, whole)
	}
	return fmt.Sprintf("os.Exit(%d) ended %s at once: deferred calls do not run and other goroutines stop where they are.", c.ExitCode, whole)
}

// restart writes how the new worker was set up.
func (r *reporter) restart(rs *supervisor.Restart) {
	switch {
	case rs == nil:
	case rs.Err != nil:
		fmt.Fprintf(r.out, "The playground could not start a new worker: %v\n", rs.Err)
	case rs.Fresh && rs.Reason != "":
		fmt.Fprintf(r.out, "Started a new worker with an empty session: %s.\n", rs.Reason)
	case rs.Fresh:
		fmt.Fprintln(r.out, "Started a new worker with an empty session.")
	default:
		fmt.Fprintf(r.out, "Started a new worker and replayed your %s; the old worker's goroutines and values are gone.\n", plural(rs.Replayed, "declaration"))
		for _, f := range rs.Failed {
			fmt.Fprintf(r.out, "Could not replay %s: %s\n", firstLine(directives.ReplaceAllString(f.Src, "")), directives.ReplaceAllString(f.Err, ""))
		}
	}
}

// directives are the //line comments the front end writes.
var directives = regexp.MustCompile(`/\*line [^*]*\*/`)

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}
