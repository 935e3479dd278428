package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/cli"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// outcome is what a program printed and how it ended.
type outcome struct {
	stdout, stderr string
	status         int
}

// rules say how a corpus program's outcomes are compared, from its
// "// playground-corpus:" comment: sorted (the lines' order may differ),
// exit=N (the status it ends with), stderr-first-line (the first line of
// the error output must match; the rest is a stack trace), compiled (the
// playground must run it compiled, as the interpreter would run it
// differently: its error output starts with one line that says why, and
// the rest is go run's). A program NAME.go reads NAME.in as its standard
// input, if there is one.
type rules struct {
	sorted, firstLine, compiled bool
	status                      int
}

func readRules(t *testing.T, src string) rules {
	var r rules
	for _, line := range strings.Split(src, "\n") {
		words, ok := strings.CutPrefix(line, "// playground-corpus:")
		if !ok {
			continue
		}
		for _, w := range strings.Fields(words) {
			switch {
			case w == "sorted":
				r.sorted = true
			case w == "compiled":
				r.compiled = true
			case w == "stderr-first-line":
				r.firstLine = true
			case strings.HasPrefix(w, "exit="):
				n, err := strconv.Atoi(strings.TrimPrefix(w, "exit="))
				require.NoError(t, err)
				r.status = n
			default:
				t.Fatalf("unknown corpus rule %q", w)
			}
		}
	}
	return r
}

// TestCorpusMatchesGoRun runs each program of testdata/corpus compiled, as
// go run does, and in the playground (go run ./playground file.go), and
// compares what they print and how they end.
func TestCorpusMatchesGoRun(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.go"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 60, "the corpus keeps at least 60 programs")
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	assert.Contains(t, strings.Join(strings.Fields(string(readme)), " "), "compares "+strconv.Itoa(len(files))+" programs in `testdata/corpus`",
		"README.md's contributors' section says how many programs the corpus has")
	bin := buildAll(t, files)

	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".go")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			r := readRules(t, string(src))
			in := strings.TrimSuffix(file, ".go") + ".in" // its standard input, if it has one
			if _, err := os.Stat(in); err != nil {
				in = os.DevNull
			}
			want := runCompiled(t, filepath.Join(bin, name), in)
			got := runPlayground(t, file, in)
			note, rest, _ := strings.Cut(got.stderr, "\n")
			if r.compiled {
				require.True(t, strings.HasPrefix(note, "playground: running the program compiled (go build), as go run does; "),
					"the playground must say why it runs the program compiled; its error output:\n%s", got.stderr)
				got.stderr = rest
			} else {
				require.NotContains(t, note, "running the program compiled", "the interpreter should run this program")
			}

			assert.Equal(t, r.status, want.status, "go run's exit status")
			assert.Equal(t, want.status, got.status, "the playground's exit status")
			if r.sorted {
				assert.Equal(t, sortedLines(want.stdout), sortedLines(got.stdout))
			} else {
				assert.Equal(t, want.stdout, got.stdout)
			}
			if r.firstLine {
				assert.Equal(t, firstLine(want.stderr), firstLine(got.stderr))
			} else if r.status == 0 {
				assert.Empty(t, want.stderr)
				assert.Empty(t, got.stderr)
			}
		})
	}
}

// buildAll compiles the programs, two at a time, into a directory.
func buildAll(t *testing.T, files []string) string {
	t.Helper()
	dir := t.TempDir()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	sem := make(chan struct{}, 2)
	for _, f := range files {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), ".go"))
			if msg, err := exec.Command("go", "build", "-o", out, f).CombinedOutput(); err != nil {
				mu.Lock()
				errs = append(errs, errors.New(f+": "+err.Error()+": "+string(msg)))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
	return dir
}

func runCompiled(t *testing.T, exe, in string) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stdin, err := os.Open(in)
	require.NoError(t, err)
	defer stdin.Close()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, exe)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &stdout, &stderr
	err = cmd.Run()
	status := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		status = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return outcome{stdout.String(), stderr.String(), status}
}

// runPlayground runs go run ./playground file.go < in, in this process.
func runPlayground(t *testing.T, file, in string) outcome {
	t.Helper()
	dir := t.TempDir()
	stdout, err := os.Create(filepath.Join(dir, "stdout"))
	require.NoError(t, err)
	stderr, err := os.Create(filepath.Join(dir, "stderr"))
	require.NoError(t, err)
	stdin, err := os.Open(in)
	require.NoError(t, err)
	status := cli.Main([]string{file}, stdin, stdout, stderr)
	testenv.CheckRaces(t)
	for _, f := range []*os.File{stdin, stdout, stderr} {
		require.NoError(t, f.Close())
	}
	out, err := os.ReadFile(stdout.Name())
	require.NoError(t, err)
	errOut, err := os.ReadFile(stderr.Name())
	require.NoError(t, err)
	return outcome{string(out), string(errOut), status}
}

func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	sort.Strings(lines)
	return lines
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
