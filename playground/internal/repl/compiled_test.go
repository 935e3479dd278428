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
// TestCellsTheInterpreterWouldGetWrongRunCompiled: a cell that the
// interpreter would run differently from Go, or that uses what Go has and
// the interpreter lacks, runs compiled with the session's declarations,
// after a line that says why; one that needs the session's variables is
// refused, saying so; the session goes on.
func TestCellsTheInterpreterWouldGetWrongRunCompiled(t *testing.T) {
	out, status := session(t,
		`import ("context"; "fmt"; "log"; "os"; "slices")`,
		`type point struct{ x, y int }`,
		`func sum(p point) int { return p.x + p.y }`,
		`p := new(42); fmt.Println("new:", *p)`,
		`fmt.Printf("%v %T %+v\n", point{1, 2}, point{1, 2}, point{1, 2})`,
		`log.SetFlags(log.Lshortfile); log.SetOutput(os.Stdout); log.Print("logged")`,
		`xs := []int{2, 1}; slices.Sort(xs); fmt.Println("sorted:", xs)`,
		`import "iter"; func count(n int) iter.Seq[int] { return func(yield func(int) bool) { for i := range n { if !yield(i) { return } } } }; for i := range count(2) { fmt.Println("seq:", i) }`,
		`import threads "github.com/gophertutor/concurrency/lessons/02-threads"`,
		`out, err := threads.Map(context.Background(), 2, []point{{1, 2}, {3, 4}}, func(_ context.Context, p point) (int, error) { return sum(p), nil }); fmt.Println("map:", out, err)`,
		`q := point{5, 6}`, // cell 11
		`fmt.Printf("%T %v\n", q, q); q.x = 50`,
		`q.x`,
		`ch := make(chan point, 1)`,
		`fmt.Printf("%T\n", ch)`, // cell 15
		`func show(p point) string { return fmt.Sprintf("%+v", p) }; s := show(q); done := make(chan bool)`,
		`fmt.Println(show(point{7, 8}))`,
		`s`,
		`done`,
		`6 * 7`)
	for _, want := range []string{
		"new: 42\n",
		"{1 2} main.point {x:1 y:2}\n",
		"cell6:1: logged\n",
		"sorted: [1 2]\n",
		"seq: 0\nseq: 1\n",
		"map: [3 7] <nil>\n",
		"main.point {5 6}\n",
		"50 // int\n", // q.x = 50 in the compiled cell came back
		"It cannot run compiled either: it uses the session's variable ch, and it holds a channel, which lives in the interpreter.",
		"{x:7 y:8}\n",
		`"{x:50 y:6}" // string`,
		"playground: not kept in the session: done (it holds a channel, which lives in the interpreter)",
		"done was declared by cell 16, which ran compiled: its variables ended with its program.",
	} {
		assert.Contains(t, out, want)
	}
	for _, cell := range []string{"cell4", "cell5", "cell6", "cell7", "cell8", "cell10", "cell12", "cell16", "cell17"} {
		assert.Contains(t, out, "playground: "+cell+" runs compiled (go build)", cell)
	}
	assert.Contains(t, out, "new(42) (Go 1.26's new with a value) would give a pointer to a zero value in the interpreter, not to 42", "the note says why")
	assert.Contains(t, out, "slices.Sort is in the standard library of the installed Go, but not in the interpreter's")
	assert.NotContains(t, out, "{1 2} struct", "no cell ran in the interpreter to print the wrong answer")
	assert.Contains(t, out, "sorted: [1 2]\n")
	assert.True(t, strings.HasSuffix(out, "42 // int\n"), out)
	assert.Contains(t, out, "it starts from copies of the session's q", "the note names the copies")
	assert.Contains(t, out, "show was declared by cell 16, which ran compiled", "a later compiled cell has the compiled cell's function")
	assert.Equal(t, 1, status, "the cells that needed ch and done failed")
}

// TestWhatACompiledCellDeclaresServesTheLaterCompiledCells: an import the
// interpreter lacks, then a function that needs it, then a loop over what
// it returns, each in a cell of its own, as a program would have them.
func TestWhatACompiledCellDeclaresServesTheLaterCompiledCells(t *testing.T) {
	out, status := session(t,
		`import "fmt"`,
		`import "iter"`,
		`func count(n int) iter.Seq[int] { return func(yield func(int) bool) { for i := range n { if !yield(i) { return } } } }`,
		`for x := range count(3) { fmt.Println("x", x) }`)
	assert.Contains(t, out, "x 0\nx 1\nx 2\n")
	assert.Contains(t, out, "count was declared by cell 3, which ran compiled")
	assert.Contains(t, out, "iter was declared by cell 2, which ran compiled")
	assert.Equal(t, 0, status, out)
}

// TestACellGivenWithERunsCompiledAsInTheREPL: -e is a cell too.
func TestACellGivenWithERunsCompiledAsInTheREPL(t *testing.T) {
	var stdout, stderr buffer
	status := Script(context.Background(), frontend.NewSource("-e", `import "fmt"; p := new(42); fmt.Println(*p)`, false), &stdout, &stderr, Options{})
	assert.Equal(t, 0, status, stderr.String())
	assert.Equal(t, "42\n", stdout.String())
	assert.Contains(t, stderr.String(), "playground: running the program compiled (go build)")
	assert.Contains(t, stderr.String(), "new(42) (Go 1.26's new with a value)")
	testenv.CheckRaces(t)
}

// TestACellGivenWithEThatGoRefusesKeepsThePlaygroundsMessages: when the
// compiled program does not build either, the front end's messages say
// why, not the compiler's.
func TestACellGivenWithEThatGoRefusesKeepsThePlaygroundsMessages(t *testing.T) {
	var stdout, stderr buffer
	status := Script(context.Background(), frontend.NewSource("-e", `import "fmt"; p := new(42); fmt.Println(*p + "x")`, false), &stdout, &stderr, Options{})
	assert.Equal(t, 1, status)
	assert.Empty(t, stdout.String())
	assert.NotContains(t, stderr.String(), "running the program compiled")
	assert.Contains(t, stderr.String(), "line 1:")
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
