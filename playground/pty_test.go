package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// terminal is the playground running in a pseudo-terminal, as a learner
// runs it: this test binary started again as the playground.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	ptmx *os.File
	read chan struct{} // closed when the reader has stopped

	mu   sync.Mutex
	out  bytes.Buffer
	seen int // expect searches from here
}

func startTerminal(t *testing.T) *terminal {
	t.Helper()
	return startTerminalWith(t, "TERM=xterm")
}

// startTerminalWith starts the playground with env added to this process's
// environment (TERM=..., EDITOR=...).
func startTerminalWith(t *testing.T, env ...string) *terminal {
	t.Helper()
	return startTerminalArgs(t, nil, env...)
}

// startTerminalArgs starts the playground with the command-line
// arguments args (a file program and its arguments) and env.
func startTerminalArgs(t *testing.T, args []string, env ...string) *terminal {
	t.Helper()
	history := filepath.Join(t.TempDir(), "history")
	cmd := exec.Command(os.Args[0], args...)
	progress := filepath.Join(t.TempDir(), "progress.json")
	cmd.Env = append(os.Environ(), runAsPlayground+"=1", "PLAYGROUND_HISTORY="+history, "PLAYGROUND_PROGRESS="+progress)
	cmd.Env = append(cmd.Env, env...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 200})
	require.NoError(t, err)
	term := &terminal{t: t, cmd: cmd, ptmx: ptmx, read: make(chan struct{})}
	go term.readLoop()
	t.Cleanup(term.close)
	return term
}

func (term *terminal) readLoop() {
	defer close(term.read)
	buf := make([]byte, 4096)
	for {
		n, err := term.ptmx.Read(buf)
		term.mu.Lock()
		term.out.Write(buf[:n])
		term.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// send types keys.
func (term *terminal) send(keys string) {
	term.t.Helper()
	_, err := term.ptmx.WriteString(keys)
	require.NoError(term.t, err)
}

// expect waits until s appears after what earlier expects matched.
func (term *terminal) expect(s string) {
	term.t.Helper()
	var found bool
	require.Eventually(term.t, func() bool {
		term.mu.Lock()
		defer term.mu.Unlock()
		i := strings.Index(term.out.String()[term.seen:], s)
		if i < 0 {
			return false
		}
		term.seen += i + len(s)
		found = true
		return true
	}, 30*time.Second, 5*time.Millisecond, "waiting for %q after:\n%q", s, term.tail())
	_ = found
}

// upTo waits until s appears after what earlier expects matched, and
// returns what came before it.
func (term *terminal) upTo(s string) string {
	term.t.Helper()
	var before string
	require.Eventually(term.t, func() bool {
		term.mu.Lock()
		defer term.mu.Unlock()
		rest := term.out.String()[term.seen:]
		i := strings.Index(rest, s)
		if i < 0 {
			return false
		}
		before = rest[:i]
		term.seen += i + len(s)
		return true
	}, 30*time.Second, 5*time.Millisecond, "waiting for %q after:\n%q", s, term.tail())
	return before
}

func (term *terminal) tail() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.String()[term.seen:]
}

// exit waits for the playground to end and returns its exit status.
func (term *terminal) exit() int {
	term.t.Helper()
	done := make(chan error, 1)
	go func() { done <- term.cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		require.NoError(term.t, err)
		return 0
	case <-time.After(30 * time.Second):
		term.t.Fatal("the playground did not exit")
		return -1
	}
}

func (term *terminal) close() {
	if term.cmd.ProcessState == nil {
		_ = term.cmd.Process.Kill()
		_ = term.cmd.Wait()
	}
	term.ptmx.Close()
	<-term.read
	testenv.CheckRaces(term.t)
}

func TestTerminalSession(t *testing.T) {
	term := startTerminal(t)
	term.expect("Go playground")
	term.expect("go> ")

	// The program, typed cell by cell.
	for _, cell := range []string{
		`import ("fmt"; "sort"; "sync")`,
		`var mu sync.Mutex; var got []int; var wg sync.WaitGroup`,
		`for i := range 3 { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); got = append(got, i); mu.Unlock() }() }`,
		`wg.Wait(); sort.Ints(got); fmt.Println(got)`,
	} {
		term.send(cell + "\r")
	}
	term.expect("[0 1 2]\r\n")
	term.expect("go> ")

	// A continuation line gets the continuation prompt.
	term.send("func answer() int {\r")
	term.expect("... ")
	term.send("return 41 + 1\r}\r")
	term.expect("go> ")
	term.send("answer()\r")
	term.expect("42 // int\r\n")

	// Up repeats the last line: history.
	term.expect("go> ")
	term.send("\x1b[A\r")
	term.expect("42 // int\r\n")

	// Ctrl-C at the prompt drops the line.
	term.expect("go> ")
	term.send("this is not Go\x03")
	term.expect("^C")
	term.expect("go> ")
	term.send("1 + 1\r")
	term.expect("2 // int\r\n")

	// Ctrl-C stops a running cell, even one blocked in compiled code.
	term.expect("go> ")
	term.send(`import "time"; fmt.Println("sleeping"); time.Sleep(time.Hour)` + "\r")
	term.expect("sleeping\r\n") // the output, not the echo of the line
	term.send("\x03")
	term.expect("interrupted")
	term.expect("go[1]> ") // the cell's goroutine is left behind in time.Sleep, and the badge says so

	// Ctrl-D leaves.
	term.send("\x04")
	assert.Equal(t, 0, term.exit())
}

func TestBackgroundOutputDoesNotGarbleTheLineBeingTyped(t *testing.T) {
	term := startTerminal(t)
	flag := filepath.Join(t.TempDir(), "print-now")
	term.expect("go> ")
	term.send(`import ("fmt"; "os"; "time")` + "\r")
	term.expect("go> ")
	term.send(`go func() { for { if _, err := os.Stat("` + flag + `"); err == nil { fmt.Println("from the background"); return }; time.Sleep(5 * time.Millisecond) } }()` + "\r")
	term.expect("go[1]> ") // the badge: a goroutine of a cell is running
	term.send("12")
	term.expect("12")
	require.NoError(t, os.WriteFile(flag, nil, 0o644))
	term.expect("from the background\r\n")
	term.expect("go[1]> 12") // the prompt and the line are drawn again below
	term.send("3\r")
	term.expect("123 // int\r\n")
	term.send("\x04")
	assert.Equal(t, 0, term.exit())
}

func TestACrashInTheTerminalKeepsTheSession(t *testing.T) {
	term := startTerminal(t)
	term.expect("go> ")
	term.send("func twice(n int) int { return 2 * n }\r")
	term.expect("go> ")
	term.send(`import "time"; go func() { panic("boom") }(); time.Sleep(time.Second)` + "\r")
	term.expect("panic: boom")
	term.expect("replayed your 1 declaration")
	term.expect("go> ")
	term.send("twice(21)\r")
	term.expect("42 // int")
	term.send(":quit\r")
	assert.Equal(t, 0, term.exit())
}
