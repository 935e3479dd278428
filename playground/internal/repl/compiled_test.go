package repl

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/children"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// TestCellsTheInterpreterWouldGetWrongAreRefused: in the REPL, where the
// session's state lives in the interpreter, a cell that the interpreter
// would run differently from Go, or that needs what it lacks, is refused
// before it runs, with why and how to run it compiled; the session goes
// on.
func TestCellsTheInterpreterWouldGetWrongAreRefused(t *testing.T) {
	out, status := session(t,
		`import ("context"; "fmt"; "log"; "slices")`,
		`type point struct{ x, y int }`,
		`p := new(42)`,
		`fmt.Printf("%v %T\n", point{1, 2}, point{1, 2})`,
		`log.SetFlags(log.Lshortfile)`,
		`xs := []int{2, 1}; slices.Sort(xs)`,
		`import "iter"`,
		`import threads "github.com/gophertutor/concurrency/lessons/02-threads"`,
		`threads.Map(nil, 2, []point{{1, 2}}, func(_ context.Context, p point) (int, error) { return p.x, nil })`,
		`6 * 7`)
	for _, want := range []string{
		"new(42) (Go 1.26's new with a value) would give a pointer to a zero value in the interpreter, not to 42",
		"%T of main.point: the interpreter has no name for the program's types",
		"log would print a line of the interpreter's own source (value.go:586), not your file and line",
		"slices.Sort is in the standard library of the installed Go, but not in the interpreter's",
		`cannot import "iter": it is in the standard library of the installed Go, but not in the interpreter's`,
		"threads.Map[main.point, int] is not compiled into the playground",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, ":help children", "the pointer for generics is about running compiled, not child processes")
	assert.GreaterOrEqual(t, strings.Count(out, frontend.RunCompiledHint), 6, out)
	assert.NotContains(t, out, "{1 2} struct", "the refused cell did not run")
	assert.True(t, strings.HasSuffix(out, "42 // int\n"), out)
	assert.Equal(t, 1, status)
}

// TestACellGivenWithEIsRefusedAsInTheREPL: -e is a cell too.
func TestACellGivenWithEIsRefusedAsInTheREPL(t *testing.T) {
	var stdout, stderr buffer
	status := Script(context.Background(), frontend.NewSource("-e", "p := new(42); println(*p)", false), &stdout, &stderr, Options{})
	assert.Equal(t, 1, status)
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "new(42) (Go 1.26's new with a value) would give a pointer to a zero value")
	assert.Contains(t, stderr.String(), frontend.RunCompiledHint)
	testenv.CheckRaces(t)
}

// TestAProgramTheInterpreterWouldGetWrongRunsCompiled: a file program is
// built with go build and run, with its arguments and standard input,
// after one line that says why.
func TestAProgramTheInterpreterWouldGetWrongRunsCompiled(t *testing.T) {
	file := filepath.Join(t.TempDir(), "prog.go")
	require.NoError(t, os.WriteFile(file, []byte(`package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
)

type point struct{ x, y int }

func main() {
	log.SetFlags(log.Lshortfile)
	log.SetOutput(os.Stdout)
	log.Println("args", os.Args[1:])
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	fmt.Printf("%+v %T %q\n", point{1, 2}, point{}, line)
	os.Exit(3)
}
`), 0o644))
	stdin, err := os.Open(filepath.Join("testdata", "line.txt"))
	require.NoError(t, err)
	defer stdin.Close()
	var stdout, stderr buffer
	status := Script(context.Background(), frontend.NewSource(file, mustRead(t, file), true), &stdout, &stderr,
		Options{Args: []string{file, "a", "b"}, Stdin: stdin})
	assert.Equal(t, 3, status, stderr.String())
	assert.Equal(t, "prog.go:15: args [a b]\n{x:1 y:2} main.point \"one line\\n\"\n", stdout.String())
	assert.Equal(t, compiledNote+file+":13:15: log would print a line of the interpreter's own source (value.go:586), not your file and line\n", stderr.String())
	testenv.CheckRaces(t)
}

// TestACompiledProgramEndsByCtrlC: the signals meant for the program
// reach the compiled program's process group, and nothing is left
// behind.
func TestACompiledProgramEndsByCtrlC(t *testing.T) {
	src := frontend.NewSource("prog.go", `package main

import (
	"fmt"
	"iter"
	"time"
)

func main() {
	var seq iter.Seq[int] = func(yield func(int) bool) { yield(1) }
	for v := range seq {
		fmt.Println("ready", v)
	}
	time.Sleep(time.Hour)
}
`, true)
	var stdout, stderr buffer
	signals := make(chan os.Signal, 1)
	status := make(chan int, 1)
	go func() {
		status <- Script(context.Background(), src, &stdout, &stderr, Options{Args: []string{"prog.go"}, ProgramSignals: signals})
	}()
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "ready 1") }, 60*time.Second, time.Millisecond, stderr.String())
	signals <- os.Interrupt
	select {
	case s := <-status:
		assert.Equal(t, 130, s, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("Ctrl-C did not end the compiled program")
	}
	assert.True(t, strings.HasPrefix(stderr.String(), compiledNote), stderr.String())
	kids, err := children.List()
	if !errors.Is(err, children.ErrUnsupported) {
		assert.Empty(t, kids, "processes left behind")
	}
	testenv.CheckRaces(t)
}

func mustRead(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	return string(b)
}
