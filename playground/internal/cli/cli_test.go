package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/playground/internal/symbols"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
	"github.com/gophertutor/concurrency/playground/internal/worker"
)

func TestMain(m *testing.M) {
	symbols.RunChildGuards()
	worker.RunIfRequested()
	testenv.Setup()
	lessontest.Main(m)
}

// doneWhen is issue 5's program, as one -e argument.
const doneWhen = `import ("fmt"; "sort"; "sync")
var mu sync.Mutex; var got []int; var wg sync.WaitGroup
for i := range 3 { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); got = append(got, i); mu.Unlock() }() }
wg.Wait(); sort.Ints(got); fmt.Println(got)`

// doneWhenFile is the same program as a file.
const doneWhenFile = `package main

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var mu sync.Mutex
	var got []int
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() { defer wg.Done(); mu.Lock(); got = append(got, i); mu.Unlock() }()
	}
	wg.Wait()
	sort.Ints(got)
	fmt.Println(got)
}
`

// run runs the playground's command line with the given standard input
// and returns what it wrote on stdout and stderr, and its exit status.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]*os.File{}
	for _, name := range []string{"stdin", "stdout", "stderr"} {
		f, err := os.Create(filepath.Join(dir, name))
		require.NoError(t, err)
		files[name] = f
	}
	_, err := files["stdin"].WriteString(stdin)
	require.NoError(t, err)
	_, err = files["stdin"].Seek(0, 0)
	require.NoError(t, err)
	status := Main(args, files["stdin"], files["stdout"], files["stderr"])
	testenv.CheckRaces(t)
	read := func(name string) string {
		files[name].Close()
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		return string(b)
	}
	files["stdin"].Close()
	return read("stdout"), read("stderr"), status
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	return p
}

func TestDoneWhenWithDashE(t *testing.T) {
	out, errs, status := run(t, "", "-e", doneWhen)
	assert.Equal(t, "[0 1 2]\n", out)
	assert.Empty(t, errs)
	assert.Equal(t, 0, status)
}

func TestDoneWhenAsAFile(t *testing.T) {
	out, errs, status := run(t, "", writeFile(t, "prog.go", doneWhenFile))
	assert.Equal(t, "[0 1 2]\n", out)
	assert.Empty(t, errs)
	assert.Equal(t, 0, status)
}

func TestAProgramPipedOnStdin(t *testing.T) {
	out, _, status := run(t, "// a comment first\n"+doneWhenFile)
	assert.Equal(t, "[0 1 2]\n", out)
	assert.Equal(t, 0, status)
}

func TestCellsPipedOnStdin(t *testing.T) {
	out, _, status := run(t, "x := 20\nx + 22\n")
	assert.Equal(t, "42 // int\n", out)
	assert.Equal(t, 0, status)
}

func TestExitStatuses(t *testing.T) {
	for name, c := range map[string]struct {
		code   string
		status int
		stderr string
	}{
		"compile error": {`x := undefinedName`, 1, "line 1:6: undefined: undefinedName"},
		"panic":         {`panic("boom")`, 2, "panic: boom"},
		"goroutine panic": {`import "time"
go func() { panic("boom") }(); time.Sleep(time.Second)`, 2, "panic: boom"},
		"os.Exit":  {`import "os"; os.Exit(3)`, 3, "os.Exit(3) ended the program"},
		"deadlock": {`select {}`, 2, "fatal error: all goroutines are asleep - deadlock!"},
		"runtime.Goexit": {`import ("fmt"; "os"; "runtime"); defer fmt.Fprintln(os.Stderr, "deferred"); runtime.Goexit()`, 2,
			"deferred\nfatal error: no goroutines (main called runtime.Goexit) - deadlock!"},
		"fine": {`x := 1; _ = x`, 0, ""},
	} {
		t.Run(name, func(t *testing.T) {
			_, errs, status := run(t, "", "-e", c.code)
			assert.Equal(t, c.status, status, errs)
			assert.Contains(t, errs, c.stderr)
			assert.NotContains(t, errs, "Started a new worker", "a script is not restarted")
		})
	}
}

func TestPipedCellsThatFailExitNonZero(t *testing.T) {
	out, _, status := run(t, "undefinedName\n1\n")
	assert.Contains(t, out, "undefined: undefinedName")
	assert.True(t, strings.HasSuffix(out, "1 // int\n"), "the session goes on after an error")
	assert.Equal(t, 1, status)
}

func TestProgramArguments(t *testing.T) {
	out, _, status := run(t, "", writeFile(t, "args.go", "package main\n\nimport (\"fmt\"; \"os\")\n\nfunc main() { fmt.Println(os.Args[1:]) }\n"), "a", "b")
	assert.Equal(t, "[a b]\n", out)
	assert.Equal(t, 0, status)
}

func TestFileErrorsUseFilePositions(t *testing.T) {
	p := writeFile(t, "bad.go", "package main\n\nfunc main() {\n\tundefinedName()\n}\n")
	_, errs, status := run(t, "", p)
	assert.Contains(t, errs, p+":4:2: undefined: undefinedName")
	assert.Equal(t, 1, status)
}

func TestMissingFile(t *testing.T) {
	_, errs, status := run(t, "", "no-such-file.go")
	assert.Contains(t, errs, "no-such-file.go")
	assert.Equal(t, 1, status)
}

func TestUsage(t *testing.T) {
	_, errs, status := run(t, "", "-h")
	assert.Contains(t, errs, "go run ./playground -e 'code'")
	assert.Equal(t, 0, status)
	_, _, status = run(t, "", "-nope")
	assert.Equal(t, 2, status)
}

func TestStartsWithPackage(t *testing.T) {
	for src, want := range map[string][2]bool{
		"package main\n":          {true, true},
		"// c\n/* d */ package p": {true, true},
		"x := 1\n":                {true, false},
		"pack":                    {false, false},
		"// only a comment":       {false, false},
		"":                        {false, false},
	} {
		decided, program := startsWithPackage(src)
		assert.Equal(t, want, [2]bool{decided, program}, "%q", src)
	}
}
