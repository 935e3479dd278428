package repl

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The program of issue 5's "done when", typed as cells.
var doneWhen = []string{
	`import ("fmt"; "sort"; "sync")`,
	`var mu sync.Mutex; var got []int; var wg sync.WaitGroup`,
	`for i := range 3 { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); got = append(got, i); mu.Unlock() }() }`,
	`wg.Wait(); sort.Ints(got); fmt.Println(got)`,
}

func TestDoneWhenProgramTypedIntoTheREPL(t *testing.T) {
	out, status := session(t, doneWhen...)
	assert.Equal(t, "[0 1 2]\n", out)
	assert.Equal(t, 0, status)
}

func TestGoSemantics(t *testing.T) {
	for name, c := range map[string]struct {
		cells []string
		want  string
	}{
		"per-iteration variables of a three-clause loop": {
			[]string{`import ("fmt"; "sort"; "sync")`, `var wg sync.WaitGroup; var mu sync.Mutex; var got []int`,
				`for i := 0; i < 3; i++ { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); got = append(got, i); mu.Unlock() }() }`,
				`wg.Wait(); sort.Ints(got); fmt.Println(got)`},
			"[0 1 2]\n",
		},
		"per-iteration variables of a range loop": {
			[]string{`import "fmt"`, `var fs []func()`, `for _, s := range []string{"a", "b"} { fs = append(fs, func() { fmt.Print(s) }) }`,
				`for _, f := range fs { f() }; fmt.Println()`},
			"ab\n",
		},
		"range over an integer keeps its type": {
			[]string{`import "fmt"`, `var n int64 = 2`, `for i := range n { fmt.Printf("%T %d\n", i, i) }`},
			"int64 0\nint64 1\n",
		},
		"a closure handed to compiled code keeps its iteration's variables": {
			[]string{`import ("fmt"; "sort"; "sync"; "time")`, `var wg sync.WaitGroup; var mu sync.Mutex; var got []string`,
				`for _, s := range []string{"a", "b", "c"} { wg.Go(func() { mu.Lock(); got = append(got, s); mu.Unlock() }) }`,
				`wg.Wait(); sort.Strings(got); fmt.Println(got)`,
				`fired := make(chan int, 2)`, `for i := range 2 { time.AfterFunc(time.Millisecond, func() { fired <- i }) }`,
				`a, b := <-fired, <-fired; fmt.Println(a + b)`},
			"[a b c]\n1\n",
		},
		"range over a slice of channels made in place": {
			[]string{`import "fmt"`, `a, b := make(chan int, 1), make(chan int, 1)`,
				`for i, c := range []chan int{a, b} { c <- i + 1 }`, `fmt.Println(<-a, <-b)`},
			"1 2\n",
		},
		"range over a slice of channels": {
			[]string{`import "fmt"`, `chans := []chan int{make(chan int, 1), make(chan int, 1)}`,
				`for i, c := range chans { c <- i * 10 }`, `for _, c := range chans { fmt.Println(<-c) }`},
			"0\n10\n",
		},
		"min max clear": {
			[]string{`import "fmt"`, `a, b := 3, 7`, `m := map[string]int{"x": 1}`,
				`fmt.Println(min(a, b), max(a, b, 9), min(2.5, 1), max("a", "b")); clear(m); fmt.Println(len(m))`},
			"3 9 1 b\n0\n",
		},
		"a var declaration and statements on one line": {
			[]string{`import "fmt"`, `var x = 1; x++; fmt.Println(x)`},
			"2\n",
		},
		"values shown with their types": {
			[]string{`type P struct{ X, Y int }`, `1 + 1`, `"hi"`, `P{1, 2}`, `[]string{"a"}`,
				`import "strconv"`, `strconv.Atoi("12")`, `import "errors"`, `errors.New("boom")`, `func ok() error { return nil }`, `ok()`},
			"2 // int\n\"hi\" // string\n{X:1 Y:2} // P\n[a] // []string\n12, <nil> // (int, error)\nboom // error\n",
		},
		"a value of a goroutine started in an earlier cell": {
			[]string{`results := make(chan int)`, `go func() { results <- 42 }()`, `<-results`},
			"42 // int\n",
		},
		"lesson 00 runs its children from the REPL": {
			[]string{`import ("context"; "os"; overview "github.com/gophertutor/concurrency/lessons/00-overview")`,
				`r, err := overview.Processes(context.Background(), []int{2, 3}, overview.Options{Out: os.Stdout})`,
				`r.Squares; r.Cubes; err`},
			"", // checked below: the children's lines interleave
		},
	} {
		t.Run(name, func(t *testing.T) {
			out, status := session(t, c.cells...)
			if c.want == "" {
				assert.Contains(t, out, "[4 9] // []int\n[8 27] // []int\n")
				assert.Contains(t, out, "square: 9\n")
				assert.Contains(t, out, "cube: 27\n")
			} else {
				assert.Equal(t, c.want, out)
			}
			assert.Equal(t, 0, status, out)
		})
	}
}

func TestAGoroutinePanicIsReportedAndTheSessionGoesOn(t *testing.T) {
	out, status := session(t,
		`import ("fmt"; "time")`,
		`func twice(n int) int { return 2 * n }`,
		"go func() {\n\tpanic(\"boom\")\n}()\ntime.Sleep(time.Second)",
		`fmt.Println(twice(21))`,
	)
	assert.Contains(t, out, "panic: boom\n")
	assert.Contains(t, out, "a function literal")
	assert.Contains(t, out, "cell 3, line 2")
	assert.Contains(t, out, "exit status 2")
	assert.Contains(t, out, "replayed your 2 declarations")
	assert.True(t, strings.HasSuffix(out, "42\n"), out)
	assert.NotContains(t, out, "goroutine 1", "the host's stack is not shown")
	assert.Equal(t, 1, status, "piped input that failed exits non-zero")
}

func TestCrashes(t *testing.T) {
	for name, c := range map[string]struct {
		cell string
		want []string
	}{
		"deadlock":             {`ch := make(chan int); ch <- 1`, []string{"fatal error: all goroutines are asleep - deadlock!", "Every goroutine was blocked"}},
		"os.Exit":              {`import "os"; os.Exit(3)`, []string{"os.Exit(3) ended the worker process"}},
		"concurrent map write": {`m := map[int]int{}; for i := range 8 { go func() { for j := 0; ; j++ { m[j%64] = i } }() }; select {}`, []string{"fatal error: concurrent map writes", "sync.Mutex"}},
		"stack overflow":       {`func f(n int) int { return f(n+1) + 1 }; f(0)`, []string{"fatal error: stack overflow", "called itself without end"}},
	} {
		t.Run(name, func(t *testing.T) {
			if name == "concurrent map write" && runtime.NumCPU() < 2 {
				t.Skip("the runtime catches concurrent map writes when two goroutines write at once: that needs 2 CPUs")
			}
			out, _ := session(t, `import "fmt"`, c.cell, `fmt.Println("after")`)
			for _, w := range c.want {
				assert.Contains(t, out, w)
			}
			assert.Contains(t, out, "Started a new worker")
			assert.True(t, strings.HasSuffix(out, "after\n"), out)
		})
	}
}

func TestPanicInTheCellsOwnGoroutineIsCaught(t *testing.T) {
	out, _ := session(t, `var m map[string]int`, "func set() {\n\tm[\"a\"] = 1\n}", `set()`, `1`)
	assert.Contains(t, out, "panic: assignment to entry in nil map\n")
	assert.Contains(t, out, "set()")
	assert.Contains(t, out, "cell 2, line 2")
	assert.NotContains(t, out, "Started a new worker")
	assert.True(t, strings.HasSuffix(out, "1 // int\n"), out)
}

func TestCompileErrorsPointAtTheInput(t *testing.T) {
	out, status := session(t, "func f() int {", "\tx := 1", "\treturn x + undefinedName", "}")
	assert.Contains(t, out, "line 3:13: undefined: undefinedName\n")
	assert.Contains(t, out, "   3 | \treturn x + undefinedName\n")
	assert.Contains(t, out, "     | \t           ^\n")
	assert.Equal(t, 1, status)
}

// TestAFailedDefineDefinesNothing: the interpreter declares the names of
// a define before it fails to compile it; the playground must not let
// them be used, with their zero values, as if the define had run.
func TestAFailedDefineDefinesNothing(t *testing.T) {
	out, _ := session(t, `import "strconv"`, `n, err := strconv.Atoi(1)`, `n`, `err`, `n, err := strconv.Atoi("7")`, `n`)
	assert.Contains(t, out, "cannot use 1 (untyped int constant) as string value in argument to strconv.Atoi")
	assert.Contains(t, out, "line 1:1: undefined: n\n")
	assert.Contains(t, out, "line 1:1: undefined: err\n")
	assert.NotContains(t, out, "0 // int")
	assert.True(t, strings.HasSuffix(out, "7 // int\n"), out)

	// A failed define of a name that existed zeroes it in the interpreter
	// too: the old value is gone, so the name is undefined until defined
	// again.
	out, _ = session(t, `import "strconv"`, `n := 5`, `n, err := strconv.Atoi(1)`, `n`, `n := n + 1`, `n := 8`, `n`)
	assert.Contains(t, out, "line 1:1: undefined: n\n")
	assert.Contains(t, out, "line 1:6: undefined: n\n", "n := n + 1 reads the ghost")
	assert.NotContains(t, out, "0 // int")
	assert.NotContains(t, out, "1 // int")
	assert.True(t, strings.HasSuffix(out, "8 // int\n"), out)
}

func TestCommands(t *testing.T) {
	out, status := session(t, `:help`, `:help children`, `:packages`, `:nope`, `x := 1`, `:decls`, `:quit`, `1`)
	assert.Contains(t, out, "Commands")
	assert.Contains(t, out, "Why a function you type here cannot run in a child process")
	assert.Contains(t, out, "registered.Square")
	assert.Contains(t, out, `import overview "github.com/gophertutor/concurrency/lessons/00-overview"`)
	assert.Contains(t, out, "Unknown command :nope. Type :help for the commands.")
	assert.Contains(t, out, "x := 1\n")
	assert.NotContains(t, out, "1 // int", ":quit ends the session")
	assert.Equal(t, 1, status, "the unknown command failed")
}

func TestRestartReplaysAndResetForgets(t *testing.T) {
	out, _ := session(t, `x := 41`, `:restart`, `x + 1`, `:reset`, `x`)
	assert.Contains(t, out, "replayed your 1 declaration")
	assert.Contains(t, out, "42 // int\n")
	assert.Contains(t, out, "empty session")
	assert.Contains(t, out, "undefined: x")
}

func TestContinuationLines(t *testing.T) {
	out, _ := session(t, "func add(a,", "\tb int) int {", "\treturn a + b", "}", "add(1,", "2)")
	assert.Equal(t, "3 // int\n", out)
}

func TestTwoBlankLinesGiveUpOnAnUnfinishedCell(t *testing.T) {
	out, _ := session(t, "x := (1 +", "", "", "2")
	assert.Contains(t, out, "line 1")
	assert.True(t, strings.HasSuffix(out, "2 // int\n"), out)
}

func TestInterruptStopsTheCellAndTheSessionGoesOn(t *testing.T) {
	l := startLive(t)
	l.send(`import ("fmt"; "time"; "os"; "os/signal")`)
	l.send(`signal.Ignore(os.Interrupt); fmt.Println("sleeping"); time.Sleep(time.Hour)`)
	l.expect("sleeping")
	l.interrupt()
	l.expect("interrupted")
	l.send(`fmt.Println("next")`)
	l.expect("next")
	require.Equal(t, 0, l.close())
}

func TestSecondInterruptKillsAWorkerThatDoesNotAnswer(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads the worker's state in /proc")
	}
	l := startLive(t)
	l.send(`import ("fmt"; "os"; "syscall"; "time")`)
	l.send(`x := 7`)
	l.send(`fmt.Println("pid", os.Getpid())`)
	l.expect("pid ")
	var pid int
	_, err := fmt.Sscanf(l.out.String()[strings.Index(l.out.String(), "pid "):], "pid %d", &pid)
	require.NoError(t, err)
	// The worker stops itself: it cannot answer an interrupt.
	l.send(`syscall.Kill(os.Getpid(), syscall.SIGSTOP); time.Sleep(time.Hour)`)
	require.Eventually(t, func() bool { return processState(pid) == "T" }, 30*time.Second, time.Millisecond)
	l.interrupt()
	l.expect("has not stopped after a second")
	l.interrupt()
	l.expect("killed the worker process")
	l.expect("replayed your 2 declarations")
	l.send(`x`)
	l.expect("7 // int")
	l.close()
}

// processState is the state letter of a process (R, S, T, Z), or "".
func processState(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	// pid (comm) state ...: the command may hold spaces, not ')'.
	fields := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	if len(fields) == 0 {
		return ""
	}
	return fields[0]
}

func TestCrashBetweenCellsIsReported(t *testing.T) {
	l := startLive(t)
	// The goroutine panics once the test says so, and the test says so
	// when the REPL is waiting for a line: no cell runs, whatever the load.
	now := filepath.Join(t.TempDir(), "now")
	l.send(`import ("fmt"; "os"; "time")`)
	l.send(fmt.Sprintf(`go func() { for { if _, err := os.Stat(%q); err == nil { panic("later") }; time.Sleep(time.Millisecond) } }(); fmt.Println("started")`, now))
	l.expect("started")
	l.waitReads(3) // the import, the cell, and now the next line
	require.NoError(t, os.WriteFile(now, nil, 0o644))
	l.expect("The worker died while no cell was running")
	l.expect("panic: later")
	l.expect("Started a new worker and replayed your 1 declaration")
	l.send(`fmt.Println("still here")`)
	l.expect("still here")
	l.close()
}

// TestALineThatIsNotUTF8IsReportedAndTheNextLineRuns: a line of bytes that
// are not UTF-8 gets one error that says so, and the line after it is a
// cell of its own (it was read into the bad line's cell, and lost).
func TestALineThatIsNotUTF8IsReportedAndTheNextLineRuns(t *testing.T) {
	out, status := session(t, `import "fmt"`, "\xff", `fmt.Println("A")`, `fmt.Println("B")`)
	assert.Contains(t, out, "line 1:1: byte 0xff is not UTF-8 text")
	assert.Equal(t, 1, strings.Count(out, "line 1:1"), "one error, not the scanner's two:\n%s", out)
	assert.True(t, strings.HasSuffix(out, "A\nB\n"), out)
	assert.Equal(t, 1, status)
}

// TestAStoppedTimerDoesNotHoldOffADeadlock: a timer that was stopped, or
// has fired and run its function, can wake nobody, so a deadlock after it
// is reported as Go reports it (the cell waited for good).
func TestAStoppedTimerDoesNotHoldOffADeadlock(t *testing.T) {
	out, _ := session(t, `import "time"`,
		`t := time.AfterFunc(time.Hour, func() {}); fired := make(chan bool)`, `t.Stop()`,
		`tk := time.NewTicker(time.Hour); defer tk.Stop()`,
		`time.AfterFunc(time.Millisecond, func() { fired <- true }); <-fired`,
		`ch := make(chan int); <-ch`, `1 + 1`)
	assert.Contains(t, out, "true // bool\n")
	assert.Contains(t, out, "fatal error: all goroutines are asleep - deadlock!")
	assert.True(t, strings.HasSuffix(out, "2 // int\n"), out)
}
