package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/gophertutor/concurrency/playground/internal/export"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/supervisor"
	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

// Script runs a whole program once — the argument of -e, a file, or
// standard input that starts with a package clause — and returns the exit
// status the program would have: 0; 1 for a compile error; 2 for a panic
// or a fatal error; the code of os.Exit; 130 when interrupted.
func Script(ctx context.Context, src *frontend.Source, stdout, stderr io.Writer, o Options) int {
	fe := frontend.NewSession(typesys.New())
	rep := &reporter{fe: fe, out: stderr, script: true, program: src.File}
	prog, err := fe.Compile(src)
	if status, ran := scriptCellCompiled(ctx, src, prog, err, stdout, stderr, o); ran {
		return status
	}
	if why := compiledReason(src, prog, err); why != "" {
		status, built, out := runCompiled(ctx, src, why, stdout, stderr, o)
		if built {
			return status
		}
		if err == nil && len(prog.CheckErrors) == 0 || strings.Contains(out, filepath.Base(src.Name)+":") {
			// The interpreter would run it differently, or Go's compiler
			// itself rejects the program: what go run says.
			fmt.Fprint(stderr, out)
			return 1
		}
	}
	if err != nil {
		rep.compileErrors("", err)
		return 1
	}
	sess := supervisor.New(supervisor.Options{Stdout: stdout, Stderr: stderr, Executable: o.Executable, Args: o.Args, Stdin: programStdin(o.Stdin)})
	defer sess.Close()
	req := request(prog, false)
	req.Main = true // the program's main goroutine runs it
	stop := forwardSignals(ctx, sess, o.ProgramSignals)
	res, err := runRequest(ctx, sess, req, nil, o.Signals)
	stop()
	if err != nil {
		fmt.Fprintf(stderr, "playground: %v\n", err)
		return 1
	}
	switch {
	case res.Crash != nil:
		if res.Crash.Killed || res.Interrupted {
			return 130
		}
		rep.crash(src.Name, res.Crash, nil)
		if res.Crash.ExitCode >= 0 {
			return res.Crash.ExitCode
		}
		return 128 + int(res.Crash.Signal)
	case res.Interrupted:
		fmt.Fprintln(stderr, "interrupted")
		return 130
	case res.Goexit: // the worker goes on after main's Goexit; this is only if it did not
		fmt.Fprintln(stderr, goexitNote)
		return 2
	case res.Err != nil:
		if refusal, ok := interpreterRefused(fe, prog, res); ok {
			// The interpreter failed on what Go accepts: run it compiled.
			status, built := 0, false
			if src.File {
				status, built, _ = runCompiled(ctx, src, refusal[0].Error(), stdout, stderr, o)
			} else {
				status, built = scriptCellCompiled(ctx, src, nil, refusal, stdout, stderr, o)
			}
			if built {
				return status
			}
		}
		rep.evalError(prog, res.Err)
		if res.Err.Panic {
			return 2
		}
		return 1
	}
	return 0
}

// compiledReason says why a program run from a file must run compiled
// ("" if it need not): the interpreter would run it differently from Go
// (what the front end finds), or may fail on it where Go would not (a
// compile error or a type error against the interpreter's packages, which
// go build then settles).
func compiledReason(src *frontend.Source, prog *frontend.Program, err error) string {
	if !src.File {
		return ""
	}
	var errs frontend.ErrorList
	switch {
	case err != nil:
		if !errors.As(err, &errs) || len(errs) == 0 {
			return err.Error()
		}
	case len(prog.CheckErrors) > 0:
		errs = prog.CheckErrors
	case len(prog.Unfaithful) > 0:
		errs = prog.Unfaithful
	default:
		return ""
	}
	return errs[0].Error()
}

// scriptCellCompiled runs the argument of -e (or a cell piped in) compiled
// when the interpreter would run it differently from Go or lacks what it
// uses, as a REPL cell would run: written out as a program (export), then
// built and run as a file program is. ran is false if that does not apply
// or the program does not build: the front end's messages then say why.
func scriptCellCompiled(ctx context.Context, src *frontend.Source, prog *frontend.Program, err error, stdout, stderr io.Writer, o Options) (status int, ran bool) {
	if src.File {
		return 0, false
	}
	refusal := err
	if refusal == nil && len(prog.CheckErrors) > 0 {
		refusal = prog.CheckErrors
	}
	errs, ok := runsCompiled(refusal, nil)
	if !ok {
		return 0, false
	}
	p, err := export.Write([]export.Cell{{Src: src}}, typesys.New())
	if err != nil {
		return 0, false
	}
	status, built, _ := runCompiled(ctx, frontend.NewSource(src.Name, p.Source, true), reason(src, errs[0]), stdout, stderr, o)
	return status, built
}

// forwardSignals sends each signal of signals to the worker's process
// group until stop is called.
func forwardSignals(ctx context.Context, sess *supervisor.Session, signals <-chan os.Signal) (stop func()) {
	return relay(ctx, signals, func(ctx context.Context, sig os.Signal) {
		n, ok := sig.(syscall.Signal)
		if !ok {
			return
		}
		if pid, err := sess.PID(ctx); err == nil {
			_ = syscall.Kill(-pid, n) // the worker leads its process group
		}
	})
}

// programStdin is what the worker running a whole program reads as its
// standard input: the playground's, as go run's program would. A pipe or
// a redirected file is handed over as it is. A terminal is read here and
// copied in: the worker runs in a process group of its own (so that a
// signal for the program reaches all of it), and a process outside the
// terminal's foreground group that reads it is stopped (SIGTTIN).
func programStdin(in io.Reader) io.Reader {
	f, ok := in.(*os.File)
	if !ok {
		return in
	}
	if _, err := unix.IoctlGetInt(int(f.Fd()), unix.TIOCGPGRP); err == nil { // a terminal
		return struct{ io.Reader }{f}
	}
	return f
}
