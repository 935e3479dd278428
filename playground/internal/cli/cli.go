// Package cli is the playground's command line: the REPL on a terminal,
// a REPL fed by a pipe, and the script modes (-e 'code', file.go).
package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/gophertutor/concurrency/playground/internal/book"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/lineedit"
	"github.com/gophertutor/concurrency/playground/internal/repl"
)

const usage = `usage:
    go run ./playground                  the REPL (type :help in it)
    go run ./playground -e 'code'        run Go code: statements and declarations
    go run ./playground file.go [args]   run a Go program
    ... | go run ./playground            run the lines of the input as REPL cells
                                         (a whole program if it starts with "package")
    go run ./playground check [lesson]   the progress table of the exercises
                                         (exit status 1 if one fails)
`

// Main runs the playground with the command-line arguments (without the
// program name) and returns the exit status.
func Main(args []string, stdin, stdout, stderr *os.File) int {
	// A signal ignored when the playground started (nohup ignores SIGHUP)
	// stays ignored, as it does in a compiled program started the same
	// way: the playground neither catches it nor passes it on, and the
	// processes it starts inherit it ignored.
	hup := []os.Signal{syscall.SIGHUP}
	if signal.Ignored(syscall.SIGHUP) {
		hup = nil
	}
	if len(args) > 0 && args[0] == "check" {
		ctx, stop := signal.NotifyContext(context.Background(), append([]os.Signal{os.Interrupt, syscall.SIGTERM}, hup...)...)
		defer stop()
		return runCheck(ctx, args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("playground", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	code := fs.String("e", "", "run `code`, a cell of Go")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), append([]os.Signal{syscall.SIGTERM}, hup...)...)
	defer stop()
	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	defer signal.Stop(sigint)
	o := repl.Options{Signals: sigint, Banner: Banner(), Progress: book.DefaultProgressPath()}

	rest := fs.Args()
	switch {
	case isFlagSet(fs, "e"):
		o.Args = append([]string{"-e"}, rest...)
		return repl.Script(ctx, frontend.NewSource("-e", *code, false), stdout, stderr, o)
	case len(rest) > 0:
		text, err := os.ReadFile(rest[0])
		if err != nil {
			fmt.Fprintf(stderr, "playground: %v\n", err)
			return 1
		}
		o.Args, o.Stdin = rest, stdin
		return runProgram(frontend.NewSource(rest[0], string(text), true), stdout, stderr, o, hup)
	}

	ed, err := lineedit.New(stdin, stdout, lineedit.DefaultHistoryPath())
	if err != nil {
		fmt.Fprintf(stderr, "playground: %v\n", err)
		return 1
	}
	if ed.Interactive() {
		defer ed.Close()
		return repl.Run(ctx, ed, o)
	}
	// No terminal: a whole program, or cells, read as they come.
	in := bufio.NewReaderSize(stdin, 64<<10)
	if isProgram(in) {
		input, err := io.ReadAll(in)
		if err != nil {
			fmt.Fprintf(stderr, "playground: read the standard input: %v\n", err)
			return 1
		}
		o.Args = []string{"stdin"}
		return runProgram(frontend.NewSource("stdin", string(input), true), stdout, stderr, o, hup)
	}
	return repl.Run(ctx, lineedit.Plain(in, stdout), o)
}

// runProgram runs a whole program once. The signals that would reach a
// compiled program in the foreground (Ctrl-C's SIGINT, SIGTERM, SIGHUP)
// go to the program, which may catch them or end by them; the playground
// is stopped by SIGKILL only, as a compiled program is. hup is SIGHUP, or
// nothing if it was ignored when the playground started.
func runProgram(src *frontend.Source, stdout, stderr *os.File, o repl.Options, hup []os.Signal) int {
	signal.Reset(os.Interrupt, syscall.SIGTERM)
	if len(hup) > 0 {
		signal.Reset(hup...)
	}
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, append([]os.Signal{os.Interrupt, syscall.SIGTERM}, hup...)...)
	defer signal.Stop(signals)
	o.Signals, o.ProgramSignals = nil, signals
	return repl.Script(context.Background(), src, stdout, stderr, o)
}

// isProgram reports whether the input is a Go file: its first word, after
// comments, is "package". It peeks as far as it must.
func isProgram(in *bufio.Reader) bool {
	for n := 64; ; n *= 2 {
		head, err := in.Peek(n)
		if decided, program := startsWithPackage(string(head)); decided || err != nil {
			return program
		}
	}
}

func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// startsWithPackage looks at the start of the input: decided is false if
// it ends before its first word does.
func startsWithPackage(src string) (decided, program bool) {
	for {
		src = strings.TrimLeft(src, " \t\r\n")
		var found bool
		switch {
		case strings.HasPrefix(src, "//"):
			_, src, found = strings.Cut(src, "\n")
		case strings.HasPrefix(src, "/*"):
			_, src, found = strings.Cut(src, "*/")
		case len(src) < len("package "):
			return !strings.HasPrefix("package ", src), false
		default:
			return true, strings.HasPrefix(src, "package ") || strings.HasPrefix(src, "package\t") || strings.HasPrefix(src, "package\n")
		}
		if !found {
			return false, false
		}
	}
}

// Banner is what the REPL says first on a terminal.
func Banner() string {
	yaegi := "yaegi"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/traefik/yaegi" {
				yaegi += " " + d.Version
			}
		}
	}
	return fmt.Sprintf("Go playground (%s, %s): goroutines live across cells, crashes are caught.\n"+
		"Type Go, or :help. Ctrl-D quits.\n", runtime.Version(), yaegi)
}
