package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A program run from a file (go run ./playground file.go args...) behaves
// as the program compiled: each case runs a program of testdata/programs
// compiled, as go run runs it, and in the playground, with the same
// arguments and environment, and compares what they print and how they
// end.
func TestFileProgramsBehaveAsCompiledPrograms(t *testing.T) {
	type run struct {
		name string
		file string
		args []string
		env  []string // added to the environment, for both
		// oneFile gives the program one file for stdout and stderr, as a
		// terminal is: their order is compared too.
		oneFile bool
		status  int
	}
	runs := []run{
		{name: "flags", file: "flags.go", args: []string{"-word=foo", "-n", "2", "x", "y"}},
		{name: "flags without arguments", file: "flags.go"},
		{name: "flags -h", file: "flags.go", args: []string{"-h"}},
		{name: "a flag that is not defined", file: "flags.go", args: []string{"-nope"}, status: 2},
		{name: "environment without GODEBUG", file: "environ.go"},
		{name: "environment with GODEBUG", file: "environ.go", env: []string{"GODEBUG=madvdontneed=1", "AFTER=1"}},
		{name: "stdout and stderr in one file", file: "interleave.go", oneFile: true},
		{name: "stdout and stderr apart", file: "interleave.go"},
		{name: "syscall.Exec", file: "exec.go", oneFile: true, status: 3},
		{name: "a signal to itself", file: "signal_self.go"},
		{name: "a signal that ends it", file: "signal_death.go", status: 128 + int(syscall.SIGTERM)},
	}
	files := map[string]bool{}
	for _, r := range runs {
		files[filepath.Join("testdata", "programs", r.file)] = true
	}
	var list []string
	for f := range files {
		list = append(list, f)
	}
	bin := buildAll(t, list)

	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join("testdata", "programs", r.file)
			env := append(withoutGODEBUG(os.Environ()), r.env...)
			argv := append([]string{file}, r.args...)
			want := runProgram(t, filepath.Join(bin, strings.TrimSuffix(r.file, ".go")), argv, env, r.oneFile)
			got := runProgram(t, os.Args[0], append([]string{os.Args[0]}, argv...), append(env, runAsPlayground+"=1"), r.oneFile)
			assert.Equal(t, r.status, want.status, "the compiled program's exit status")
			assert.Equal(t, want, got)
		})
	}
}

func withoutGODEBUG(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "GODEBUG=") {
			out = append(out, kv)
		}
	}
	return out
}

// runProgram runs path with argv (argv[0] included) and env; with oneFile,
// standard output and standard error are one file, whose content is in
// stdout.
func runProgram(t *testing.T, path string, argv, env []string, oneFile bool) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dir := t.TempDir()
	stdout, err := os.Create(filepath.Join(dir, "stdout"))
	require.NoError(t, err)
	defer stdout.Close()
	stderr := stdout
	if !oneFile {
		stderr, err = os.Create(filepath.Join(dir, "stderr"))
		require.NoError(t, err)
		defer stderr.Close()
	}
	cmd := exec.CommandContext(ctx, path)
	cmd.Args, cmd.Env, cmd.Stdout, cmd.Stderr = argv, env, stdout, stderr
	err = cmd.Run()
	status := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		status = exit.ExitCode()
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			status = 128 + int(ws.Signal()) // as a shell says it
		}
	} else {
		require.NoError(t, err)
	}
	read := func(f *os.File) string {
		b, err := os.ReadFile(f.Name())
		require.NoError(t, err)
		return string(b)
	}
	o := outcome{stdout: read(stdout), status: status}
	if !oneFile {
		o.stderr = read(stderr)
	}
	return o
}

// TestAPanicInAFileProgramNamesOnlyItsFunctions: the report of a panic in
// a program run from a file lists the program's functions, not the code
// the playground runs main with; its first line and exit status are go
// run's.
func TestAPanicInAFileProgramNamesOnlyItsFunctions(t *testing.T) {
	file := filepath.Join("testdata", "programs", "panic.go")
	bin := buildAll(t, []string{file})
	want := runProgram(t, filepath.Join(bin, "panic"), []string{file}, os.Environ(), false)
	got := runProgram(t, os.Args[0], []string{os.Args[0], file}, append(os.Environ(), runAsPlayground+"=1"), false)
	assert.Equal(t, want.stdout, got.stdout)
	assert.Equal(t, want.status, got.status)
	assert.Equal(t, firstLine(want.stderr), firstLine(got.stderr))
	assert.Equal(t, "panic: boom\n\n"+
		"in your code, innermost first (yaegi gives the first line of each function, not the line that panicked):\n"+
		"    inner()                      "+file+":7\n"+
		"    inner()                      "+file+":7\n"+
		"    inner()                      "+file+":7\n"+
		"    main()                       "+file+":14\n", got.stderr)
}

// TestSignalsReachAFileProgram: the signal a terminal's Ctrl-C sends, or
// kill(1), reaches the program run from a file as it reaches a compiled
// one: a program that waits for it with signal.Notify gets it, one that
// does not is ended by it.
func TestSignalsReachAFileProgram(t *testing.T) {
	cases := []struct {
		file   string
		sig    syscall.Signal
		status int
	}{
		{"signal_notify.go", syscall.SIGINT, 0},
		{"signal_wait.go", syscall.SIGINT, 128 + int(syscall.SIGINT)},
		{"signal_wait.go", syscall.SIGTERM, 128 + int(syscall.SIGTERM)},
		{"signal_notify.go", syscall.SIGHUP, 128 + int(syscall.SIGHUP)},
	}
	var files []string
	for _, c := range cases {
		files = append(files, filepath.Join("testdata", "programs", c.file))
	}
	bin := buildAll(t, files)
	for _, c := range cases {
		t.Run(strings.TrimSuffix(c.file, ".go")+" "+c.sig.String(), func(t *testing.T) {
			t.Parallel()
			if signal.Ignored(c.sig) {
				// Started under nohup, say: a program started from here
				// ignores it too, compiled or not, and would never end.
				t.Skipf("%v is ignored in this process, and so in the programs it starts", c.sig)
			}
			file := filepath.Join("testdata", "programs", c.file)
			want := signalProgram(t, filepath.Join(bin, strings.TrimSuffix(c.file, ".go")), []string{file}, os.Environ(), c.sig)
			got := signalProgram(t, os.Args[0], []string{os.Args[0], file}, append(os.Environ(), runAsPlayground+"=1"), c.sig)
			assert.Equal(t, c.status, want.status, "the compiled program's exit status")
			assert.Equal(t, want, got)
		})
	}
}

// A program started with SIGHUP ignored (under nohup) keeps it ignored,
// compiled or in the playground: sent SIGHUP and then Ctrl-C's SIGINT, the
// program that waits for SIGINT with signal.Notify sees only that, where a
// playground that caught SIGHUP and passed it on would end the program by
// it first (129).
func TestAnIgnoredSIGHUPStaysIgnored(t *testing.T) {
	nohup, err := exec.LookPath("nohup")
	if err != nil {
		t.Skip("no nohup here to start a program with SIGHUP ignored")
	}
	file := filepath.Join("testdata", "programs", "signal_notify.go")
	bin := filepath.Join(buildAll(t, []string{file}), "signal_notify")
	want := signalProgram(t, nohup, []string{"nohup", bin, file}, os.Environ(), syscall.SIGHUP, syscall.SIGINT)
	got := signalProgram(t, nohup, []string{"nohup", os.Args[0], file}, append(os.Environ(), runAsPlayground+"=1"), syscall.SIGHUP, syscall.SIGINT)
	assert.Equal(t, 0, want.status, "the compiled program's exit status: SIGHUP ignored, SIGINT caught")
	assert.Equal(t, want, got)
}

// signalProgram starts a program, waits until it prints "ready", sends it
// sigs, and returns what it printed and how it ended.
func signalProgram(t *testing.T, path string, argv, env []string, sigs ...syscall.Signal) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path)
	cmd.Args, cmd.Env = argv, env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	var stdout strings.Builder
	buf := make([]byte, 4096)
	for !strings.Contains(stdout.String(), "ready\n") {
		n, err := out.Read(buf)
		stdout.Write(buf[:n])
		require.NoError(t, err, "before ready: %q", stdout.String())
	}
	for _, sig := range sigs {
		require.NoError(t, cmd.Process.Signal(sig))
	}
	for {
		n, err := out.Read(buf)
		stdout.Write(buf[:n])
		if err != nil {
			break
		}
	}
	err = cmd.Wait()
	status := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		status = exit.ExitCode()
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			status = 128 + int(ws.Signal())
		}
	} else {
		require.NoError(t, err)
	}
	return outcome{stdout: stdout.String(), stderr: stderr.String(), status: status}
}
