package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/gophertutor/concurrency/internal/children"
	"github.com/gophertutor/concurrency/internal/fds"
	"github.com/gophertutor/concurrency/playground/internal/cli"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// fault is one way a learner's input can go wrong in the playground, with
// what they must see: the playground's side of lessons/internal/faults.
type fault struct {
	name string
	// stdin is a session piped in (cells, one per line); args, if set, are
	// the playground's arguments (-e code, or a file written from file).
	stdin string
	args  []string
	file  string
	// want is in stdout (a session's values and output), says in stderr;
	// status is the exit status.
	want, says []string
	status     int
	// check, if set, looks at stdout further.
	check func(t *testing.T, stdout string)
}

// faultBound is how long a fault may take to show: it must end as output
// or an error, never as a hang.
const faultBound = 60 * time.Second

// faultTable is every fault of the playground's hardening (issue 10,
// items 11–16) and the crash kinds it survives; TestFaultTable runs each
// through `go run ./playground` (in this process) and then counts what is
// left behind.
func faultTable() []fault {
	manyCells := "n := 0\n" + strings.Repeat("n++\n", 1100) + "n\n"
	return []fault{
		{name: "1,100 cells: past the line numbers Go allows for cell × 1,000,000",
			stdin: manyCells, want: []string{"1100 // int\n"}},
		{name: "a line that is not UTF-8 is one error, and the next line runs",
			stdin: "\xff\nprintln(\"A\")\nprintln(\"B\")\n", status: 1,
			says: []string{"byte 0xff is not UTF-8 text", "A\nB\n"}},
		{name: "a stopped timer does not hold off a deadlock",
			file:   "package main\n\nimport \"time\"\n\nfunc main() {\n\tt := time.AfterFunc(time.Hour, func() {})\n\tt.Stop()\n\tch := make(chan int)\n\t<-ch\n}\n",
			status: 2, says: []string{"fatal error: all goroutines are asleep - deadlock!"}},
		{name: "10,000 parked goroutines: the next cells still answer",
			stdin: "ch := make(chan int)\nfor range 10000 { go func() { <-ch }() }\n1 + 1\n:goroutines\nclose(ch)\n",
			want:  []string{"2 // int\n", "10000 goroutines of your cells, all waiting"}},
		{name: "200,000 lines of output arrive whole and in order",
			file: "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := range 200000 {\n\t\tfmt.Println(i)\n\t}\n}\n",
			check: func(t *testing.T, stdout string) {
				lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
				require.Len(t, lines, 200000)
				assert.Equal(t, "0", lines[0])
				assert.Equal(t, "199999", lines[len(lines)-1])
			}},
		{name: "runtime.Goexit in main exits 2, as go run does",
			args: []string{"-e", `import "runtime"; runtime.Goexit()`}, status: 2,
			says: []string{"fatal error: no goroutines (main called runtime.Goexit) - deadlock!"}},
		{name: "a stack overflow restarts the worker; the session goes on",
			stdin: "func f(n int) int { return f(n+1) + 1 }\nf(0)\n6 * 7\n", status: 1,
			want: []string{"42 // int\n"}, says: []string{"fatal error: stack overflow", "Started a new worker"}},
		{name: "os.Exit in a cell restarts the worker; the session goes on",
			stdin: "import \"os\"\nos.Exit(3)\n6 * 7\n", status: 1,
			want: []string{"42 // int\n"}, says: []string{"os.Exit(3) ended the worker process"}},
		{name: "a panic in a goroutine restarts the worker; the session goes on",
			stdin: "import \"time\"\ngo func() { panic(\"boom\") }(); time.Sleep(time.Second)\n6 * 7\n", status: 1,
			want: []string{"42 // int\n"}, says: []string{"panic: boom", "Started a new worker"}},
		{name: "concurrent map writes are the runtime's fatal error, then a new worker",
			stdin:  "m := map[int]int{}\nfor i := range 8 { go func() { for j := 0; ; j++ { m[j%64] = i } }() }; select {}\n6 * 7\n",
			status: 1, want: []string{"42 // int\n"}, says: []string{"fatal error: concurrent map writes"}},
		{name: "a deadlock in a cell is reported as Go reports it",
			stdin: "ch := make(chan int); ch <- 1\n6 * 7\n", status: 1,
			want: []string{"42 // int\n"}, says: []string{"fatal error: all goroutines are asleep - deadlock!"}},
	}
}

// TestFaultTable runs each fault, within faultBound, and fails if it left
// a child process, a file descriptor or a goroutine behind.
func TestFaultTable(t *testing.T) {
	for _, f := range faultTable() {
		t.Run(f.name, func(t *testing.T) {
			if strings.Contains(f.name, "concurrent map writes") && runtime.NumCPU() < 2 {
				t.Skip("the runtime catches concurrent map writes when two goroutines write at once: that needs 2 CPUs")
			}
			before, err := fds.Open()
			require.NoError(t, err)
			ignore := goleak.IgnoreCurrent()

			stdout, stderr, status := runFault(t, f)
			// Where the fault went: stdout for values, stderr for reports (a
			// session's output may be on either).
			both := stdout + stderr
			for _, w := range f.want {
				assert.Contains(t, stdout, w)
			}
			for _, s := range f.says {
				assert.Contains(t, both, s)
			}
			assert.Equal(t, f.status, status, "exit status; stderr:\n%s", stderr)
			if f.check != nil {
				f.check(t, stdout)
			}

			kids, err := children.List()
			if !errors.Is(err, children.ErrUnsupported) {
				assert.Empty(t, kids, "worker processes left behind")
			}
			require.Eventually(t, func() bool { return len(fds.Since(before)) == 0 }, 30*time.Second, time.Millisecond,
				"file descriptors left open: %v", fds.Since(before))
			assert.NoError(t, goleak.Find(ignore))
		})
	}
}

// runFault runs f as `go run ./playground` would, with its stdin and its
// arguments, and returns what it printed and its exit status.
func runFault(t *testing.T, f fault) (stdout, stderr string, status int) {
	t.Helper()
	dir := t.TempDir()
	args := f.args
	if f.file != "" {
		path := filepath.Join(dir, "prog.go")
		require.NoError(t, os.WriteFile(path, []byte(f.file), 0o644))
		args = []string{path}
	}
	open := func(name string) *os.File {
		file, err := os.Create(filepath.Join(dir, name))
		require.NoError(t, err)
		return file
	}
	in, out, errOut := open("stdin"), open("stdout"), open("stderr")
	_, err := in.WriteString(f.stdin)
	require.NoError(t, err)
	_, err = in.Seek(0, 0)
	require.NoError(t, err)

	done := make(chan int, 1)
	go func() { done <- cli.Main(args, in, out, errOut) }()
	select {
	case status = <-done:
	case <-time.After(faultBound):
		t.Fatalf("%s: no answer within %v: the playground hangs", f.name, faultBound)
	}
	testenv.CheckRaces(t)
	read := func(file *os.File) string {
		require.NoError(t, file.Close())
		b, err := os.ReadFile(file.Name())
		require.NoError(t, err)
		return string(b)
	}
	return read(out), read(errOut), status
}
