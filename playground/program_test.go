package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
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
