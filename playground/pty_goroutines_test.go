package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The "done when": a deadlock is reported with its blocked site and
// the session goes on; a ticker goroutine shows in :goroutines, and the
// prompt says that a cell left a goroutine running.
func TestTerminalDeadlockAndGoroutines(t *testing.T) {
	term := startTerminal(t)
	term.expect("go> ")
	term.send("ch := make(chan int); ch <- 1\r")
	term.expect("fatal error: all goroutines are asleep - deadlock!\r\n")
	term.expect("goroutine 1 [chan send], the cell's own goroutine:\r\n\tline 1:23  ch <- 1\r\n")
	term.expect("Started a new worker")
	term.expect("go> ")
	term.send("6 * 7\r")
	term.expect("42 // int\r\n")

	term.expect("go> ")
	term.send(`import "time"; t := time.NewTicker(time.Hour); go func() { for range t.C { } }()` + "\r")
	term.expect("go[1]> ")
	term.send(":goroutines\r")
	term.expect("1 goroutine of your cells, waiting:\r\n  started by cell 3\r\n    chan receive  cell 3, line 1:")
	term.expect("for range t.C {\r\n")
	term.expect("go[1]> ")
	term.send(":reset\r")
	term.expect("empty session")
	term.expect("go> ")
	term.send("\x04")
	assert.Equal(t, 0, term.exit())
}

// TestTheBadgeForgetsAnInterruptedCellOnceItsGoroutineEnds: Ctrl-C of a
// cell that sleeps in a loop leaves its goroutine in time.Sleep for a
// moment; the prompt may count it (go[1]> ), then is drawn again without
// it, and :goroutines agrees.
func TestTheBadgeForgetsAnInterruptedCellOnceItsGoroutineEnds(t *testing.T) {
	term := startTerminal(t)
	term.expect("go> ")
	term.send(`import ("fmt"; "time")` + "\r")
	term.expect("go> ")
	term.send(`fmt.Println("looping"); for { time.Sleep(100 * time.Millisecond) }` + "\r")
	term.expect("looping\r\n")
	term.send("\x03")
	term.expect("interrupted")
	term.expect("go> ")
	term.send(":goroutines\r")
	term.expect("No goroutine of your cells is alive.\r\n")
	term.expect("go> ")
	term.send("\x04")
	assert.Equal(t, 0, term.exit())
}
