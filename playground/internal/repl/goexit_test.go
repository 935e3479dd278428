package repl

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// TestGoexitInACellIsReported: a cell whose own goroutine calls
// runtime.Goexit runs its deferred calls, not the rest, and says so; the
// session goes on.
func TestGoexitInACellIsReported(t *testing.T) {
	out, status := session(t, `import ("fmt"; "runtime")`,
		`func() { defer fmt.Println("deferred"); runtime.Goexit() }(); fmt.Println("not printed")`,
		`x := 1; runtime.Goexit()`, `6 * 7`)
	assert.Contains(t, out, "deferred\nruntime.Goexit ended the cell's own goroutine")
	assert.NotContains(t, out, "not printed")
	assert.Equal(t, 2, strings.Count(out, "runtime.Goexit ended the cell's own goroutine"))
	assert.True(t, strings.HasSuffix(out, "42 // int\n"), out)
	assert.Equal(t, 1, status)
}

// TestAProgramWhoseMainLeftGoesOnUntilInterrupted: after main's
// runtime.Goexit a program runs as long as another goroutine may still do
// something (one that sleeps), as Go's does; Ctrl-C (SIGINT) ends it.
func TestAProgramWhoseMainLeftGoesOnUntilInterrupted(t *testing.T) {
	var stdout, stderr buffer
	signals := make(chan os.Signal, 1)
	status := make(chan int, 1)
	src := frontend.NewSource("prog.go", `package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	go func() { fmt.Println("sleeping"); time.Sleep(time.Hour) }()
	runtime.Goexit()
}
`, true)
	go func() { status <- Script(context.Background(), src, &stdout, &stderr, Options{Signals: signals}) }()
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "sleeping") }, 30*time.Second, time.Millisecond)
	select {
	case s := <-status:
		t.Fatalf("the program ended (status %d) while a goroutine slept: %s", s, stderr.String())
	default:
	}
	signals <- os.Interrupt
	select {
	case s := <-status:
		assert.Equal(t, 130, s, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("the interrupt did not end the program")
	}
	testenv.CheckRaces(t)
}
