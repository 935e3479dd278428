package repl

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/course"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
)

// compiledNote is the start of the line a program run compiled writes on
// the standard error first, with the reason.
const compiledNote = "playground: running the program compiled (go build), as go run does; the interpreter cannot run it as Go does: "

// runCompiled builds a whole program with go build, as go run does (from
// the working directory, so it sees the same module), and runs it with
// the program's arguments, its standard streams and the signals of
// o.ProgramSignals. It returns the program's exit status; built is false
// if the program did not build, with the compiler's output in buildOut.
func runCompiled(ctx context.Context, src *frontend.Source, why string, stdout, stderr io.Writer, o Options) (status int, built bool, buildOut string) {
	goBin, err := course.GoTool("running the program compiled")
	if err != nil {
		return 0, false, err.Error()
	}
	dir, err := os.MkdirTemp("", "playground-run-")
	if err != nil {
		return 0, false, err.Error()
	}
	defer os.RemoveAll(dir)

	file := src.Name
	if st, err := os.Stat(file); err != nil || !st.Mode().IsRegular() {
		// Standard input: write it out inside the course, so that it
		// imports the course's packages.
		bdir, cleanup, err := buildDir()
		if err != nil {
			return 0, false, err.Error()
		}
		defer cleanup()
		file = filepath.Join(bdir, "main.go")
		if err := os.WriteFile(file, []byte(src.Text), 0o644); err != nil {
			return 0, false, err.Error()
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	exe := filepath.Join(dir, "program")
	var out bytes.Buffer
	build := exec.CommandContext(ctx, goBin, "build", "-o", exe, file)
	build.Stdout, build.Stderr = &out, &out
	build.WaitDelay = waitDelay
	stop := relay(ctx, o.ProgramSignals, func(context.Context, os.Signal) { cancel() })
	err = build.Run()
	interrupted := ctx.Err() != nil
	stop()
	switch {
	case interrupted:
		return 130, true, ""
	case err != nil:
		return 0, false, out.String()
	}

	fmt.Fprintln(stderr, compiledNote+why)
	cmd := exec.CommandContext(ctx, exe)
	if len(o.Args) > 0 {
		cmd.Args = append([]string{o.Args[0]}, o.Args[1:]...)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = o.Stdin, stdout, stderr
	cmd.SysProcAttr = programAttr()
	takeBack := foreground(cmd.SysProcAttr, o.Stdin)
	defer takeBack()
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = waitDelay
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "playground: %v\n", err)
		return 1, true, ""
	}
	pid := cmd.Process.Pid
	stop = relay(ctx, o.ProgramSignals, func(_ context.Context, sig os.Signal) {
		if n, ok := sig.(syscall.Signal); ok {
			_ = syscall.Kill(-pid, n) // the program leads its process group
		}
	})
	err = cmd.Wait()
	stop()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, true, ""
	case errors.As(err, &exit):
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal()), true, ""
		}
		return exit.ExitCode(), true, ""
	}
	fmt.Fprintf(stderr, "playground: %v\n", err)
	return 1, true, ""
}

// waitDelay bounds the wait for a compiled program's output after it
// ended (a process it started may hold its pipes).
const waitDelay = 2 * time.Second

// relay calls f with each signal of signals until stop is called; f's
// context ends when stop is called.
func relay(ctx context.Context, signals <-chan os.Signal, f func(context.Context, os.Signal)) (stop func()) {
	if signals == nil {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-ctx.Done():
				return
			case sig := <-signals:
				f(ctx, sig)
			}
		}
	})
	return func() {
		cancel()
		wg.Wait()
	}
}
