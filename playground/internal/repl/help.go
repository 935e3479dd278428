package repl

import (
	"fmt"
	"sort"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/symbols"
)

// RegisteredPath is the package of functions registered to run in child
// processes, compiled into the playground.
const RegisteredPath = "github.com/gophertutor/concurrency/playground/registered"

// helpText is what :help shows.
func helpText() string {
	return helpIntro + "Commands\n" + commandList() + "\n" + helpKeys
}

const helpIntro = `Type Go and press Enter. Declarations (import, func, type, var, const) and
statements mix freely; an expression shows its value and its type:

    go> import "fmt"
    go> xs := []int{1, 2, 3}
    go> len(xs) * 2
    6 // int

A line that is not finished (an open brace, a trailing operator or comma)
continues on the next one; two empty lines give up on it.

`

const helpKeys = `Keys: Ctrl-C stops the running cell and every goroutine your cells started;
if the cell does not stop within a second, a second Ctrl-C kills the worker
and starts a new one. At the prompt Ctrl-C drops the line (and says how to
stop your goroutines, if some are alive). Up and Down walk the history; Home,
End, Ctrl-A, Ctrl-E, Ctrl-Left and Ctrl-Right move along the line, in any
terminal (xterm, tmux, screen, the Linux console).

Your code runs in a worker process, not in the playground itself. A panic in
a goroutine, a deadlock, a concurrent map write, a stack overflow or os.Exit
ends the worker, as it would end your program: the playground says what
happened, starts a new worker and replays your declarations.

The interpreter is yaegi; the playground gives it Go 1.22+ semantics: a new
loop variable in each iteration, range over an integer, min, max and clear.
It cannot: range over a function (an iterator), change a type once declared,
run most generic functions of slices and maps, read the standard input, or
send a function you typed to a child process (:help children). Nor has it the
standard library added after Go 1.22, other modules, or the lessons' generic
functions for your types. A cell it would run differently from Go (new(42),
%T or %+v of your types, log.Lshortfile) or cannot run is refused, with why.
A program in a file runs compiled then: go run ./playground prog.go.
`

// childrenHelp is the twin of Python's "run multiprocessing as a script,
// not in a notebook" caveat.
func childrenHelp() string {
	return `Why a function you type here cannot run in a child process

Go has no fork(): a child process is a program's own binary started again
(lesson 00). The child finds the function it should run by its name, in a
table every copy of the binary fills as it starts: the functions registered
in package-level variables (processes.Register, lesson 01), before main runs.

Python's multiprocessing works the same way with its spawn start method: it
sends a function by its qualified name, and the child imports the main
module to find it again. That is why Python's documentation says to run
multiprocessing code as a script, not in a notebook or the interactive
interpreter: a function defined at the prompt does not exist in the child.

The playground has the same limit. What you type is interpreted inside the
worker process; it is not part of the playground's binary. A child process
is that binary started again, so only the functions compiled into it and
registered by name exist there. Registering a function you typed fails with
processes.ErrNotRegistered ("registered after start-up"); a closure cannot
be sent either, just as Python cannot pickle a lambda.

What works: the registered functions compiled into the playground,

` + registeredList() + `
for example:

    go> import ("context"; "fmt")
    go> import processes "github.com/gophertutor/concurrency/lessons/01-processes"
    go> import "` + RegisteredPath + `"
    go> pool, _ := processes.NewPool(2)
    go> squares, err := processes.Map(context.Background(), pool, registered.Square, []int{1, 2, 3})
    go> fmt.Println(squares, err)
    [1 4 9] <nil>
    go> pool.Close(); pool.Join(context.Background())

To run your own function in a child process, write a program: register the
function in a package-level variable, call processes.RunChildIfRequested()
first in main, and go run it.
`
}

// registeredList lists the registered functions compiled in.
func registeredList() string {
	_, syms, ok := symbols.Lookup(RegisteredPath)
	if !ok {
		return "    (none: the registered package is not compiled in; run go generate ./playground/...)\n"
	}
	var names []string
	for n, v := range syms {
		if !strings.HasPrefix(n, "_") && v.CanAddr() {
			names = append(names, "    registered."+n)
		}
	}
	sort.Strings(names)
	return strings.Join(names, "\n") + "\n"
}

// packagesHelp lists what can be imported.
func packagesHelp() string {
	var b strings.Builder
	b.WriteString("The course's packages:\n")
	var course, std []string
	for _, p := range symbols.ImportPaths() {
		if pkg, ok := symbols.Packages[p]; ok {
			course = append(course, fmt.Sprintf("    import %s %q", pkg.Name, p))
		} else if !strings.Contains(p, ".") {
			std = append(std, p)
		}
	}
	b.WriteString(strings.Join(course, "\n") + "\n")
	if len(symbols.Skipped) > 0 {
		b.WriteString("Not in the interpreter (an import of one runs the cell compiled):\n")
		for p, why := range symbols.Skipped {
			fmt.Fprintf(&b, "    %s: %s\n", p, firstLine(why))
		}
	}
	fmt.Fprintf(&b, "\nThe standard library (%d packages), for example:\n    ", len(std))
	b.WriteString(wrap(std, 72, "    "))
	b.WriteString("\n")
	return b.String()
}

// wrap joins words into lines of at most width.
func wrap(words []string, width int, indent string) string {
	var b strings.Builder
	col := 0
	for i, w := range words {
		if i > 0 {
			if col+1+len(w) > width {
				b.WriteString("\n" + indent)
				col = 0
			} else {
				b.WriteString(" ")
				col++
			}
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}
