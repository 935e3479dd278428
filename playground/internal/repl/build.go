package repl

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/course"
	"github.com/gophertutor/concurrency/playground/internal/export"
	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

func cmdBuild(ctx context.Context, r *repl, _ string) bool { return r.build(ctx, false) }

func cmdRace(ctx context.Context, r *repl, _ string) bool { return r.build(ctx, true) }

// build writes the session out as a Go program, compiles it (with the race
// detector for :race) and runs it, its positions mapped to the cells.
func (r *repl) build(ctx context.Context, race bool) bool {
	name := ":build"
	if race {
		name = ":race"
	}
	goBin, err := course.GoTool(name)
	if err != nil {
		return r.commandFailed(err)
	}
	if len(r.log.cells) == 0 {
		return r.commandFailed(fmt.Errorf("%s: no cell has run yet; the program is the cells that ran to their end", name))
	}
	prog, err := export.Write(r.log.cells, typesys.New())
	if err != nil {
		return r.commandFailed(fmt.Errorf("%s: %w", name, err))
	}
	dir, cleanup, err := buildDir()
	if err != nil {
		return r.commandFailed(fmt.Errorf("%s: %w", name, err))
	}
	defer cleanup()
	if err := os.WriteFile(filepath.Join(dir, export.FileName), []byte(prog.Source), 0o644); err != nil {
		return r.commandFailed(fmt.Errorf("%s: write the program: %w", name, err))
	}
	ctx, stop := r.interruptible(ctx)
	defer stop()

	args := []string{"build", "-o", "session"}
	if race {
		args = append(args, "-race")
	}
	start := time.Now()
	cmd := exec.CommandContext(ctx, goBin, append(args, export.FileName)...)
	cmd.Dir = dir
	errs := prog.Mapper(r.ed)
	cmd.Stdout, cmd.Stderr = errs, errs
	err = cmd.Run()
	errs.Flush()
	built := time.Since(start)
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(r.ed, "interrupted: the build stopped")
		return false
	case err != nil:
		return r.commandFailed(fmt.Errorf("%s: the session does not compile as a Go program (%v)", name, err))
	}

	start = time.Now()
	err = r.runProgram(ctx, filepath.Join(dir, "session"), prog, nil)
	ran := time.Since(start)
	r.buildSummary(name, race, err, built, ran)
	return false
}

// runProgram runs the compiled session, in a process group of its own
// that Ctrl-C kills.
func (r *repl) runProgram(ctx context.Context, bin string, prog *export.Program, env []string) error {
	cmd := exec.CommandContext(ctx, bin)
	cmd.Args = append([]string{"session"}, r.o.Args...)
	cmd.Stdout = r.ed
	errs := prog.Mapper(r.ed)
	defer errs.Flush()
	cmd.Stderr = errs
	cmd.Env = append(append(withoutGORACE(os.Environ()), "GORACE=atexit_sleep_ms=0"), env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
	return cmd.Run()
}

// buildSummary says how the compiled program ended, and how long it took
// compared with the interpreter.
func (r *repl) buildSummary(name string, race bool, err error, built, ran time.Duration) {
	status := "exit status 0"
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		status = exit.String()
	} else if err != nil {
		r.commandFailed(fmt.Errorf("%s: run the program: %w", name, err))
		return
	}
	if race && exit != nil && exit.ExitCode() == 66 {
		fmt.Fprintln(r.ed, "The race detector found a data race (exit status 66): the report above names the cells and lines of both accesses.")
		r.failed.Store(true)
	} else if race && exit == nil {
		fmt.Fprintln(r.ed, "The race detector saw no data race in this run (it sees only the races that happen).")
	}
	if exit != nil {
		r.failed.Store(true)
	}
	fmt.Fprintf(r.ed, "%s: compiled in %s, ran in %s (%s); the interpreter took %s on these cells.\n",
		name, round(built), round(ran), status, round(r.log.interp))
}

// buildDir makes a directory for the program inside the course's module,
// so that it can import the lessons' packages; outside the course, a
// module of its own.
func buildDir() (string, func(), error) {
	root, rootErr := course.WorkingRoot()
	parent := root
	if rootErr != nil {
		parent = ""
	}
	dir, err := os.MkdirTemp(parent, ".playground-build-")
	if err != nil {
		return "", nil, fmt.Errorf("make a directory for the program: %w", err)
	}
	cleanup := func() { os.RemoveAll(dir) }
	if rootErr != nil {
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module session\n"), 0o644); err != nil {
			cleanup()
			return "", nil, fmt.Errorf("write the program's go.mod: %w", err)
		}
	}
	return dir, cleanup, nil
}

// withoutGORACE drops GORACE from an environment: the race detector of
// :race must report on the standard error, where the REPL shows it (the
// tests send the workers' reports to files), and not wait a second after
// the program ends.
func withoutGORACE(env []string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, "GORACE=") {
			out = append(out, kv)
		}
	}
	return out
}

// round shortens a duration for the learner.
func round(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}
