package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestManyLinesReachTheTerminalWhole: output the editor batches into big
// writes arrives complete, in order, each line ended with CR LF, before
// the prompt.
func TestManyLinesReachTheTerminalWhole(t *testing.T) {
	term := startTerminal(t)
	term.expect("go> ")
	term.send(`import "fmt"` + "\r")
	term.expect("go> ")
	term.send(`for i := range 30000 { fmt.Println("line", i) }; fmt.Print("no newline at the end")` + "\r")
	term.expect("no newline at the end\r\ngo> ")
	term.mu.Lock()
	all := term.out.String()
	term.mu.Unlock()
	var want strings.Builder
	for i := range 30000 {
		fmt.Fprintf(&want, "line %d\r\n", i)
	}
	want.WriteString("no newline at the end\r\ngo> ")
	assert.Contains(t, all, want.String())
	term.send("\x04")
	assert.Equal(t, 0, term.exit())
}
