package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestACompiledProgramHasTheTerminal: a program that runs compiled gets
// the terminal as under go run: it reads what is typed (a process group
// in the background would be stopped by SIGTTIN), and Ctrl-C reaches its
// signal.Notify.
func TestACompiledProgramHasTheTerminal(t *testing.T) {
	file := filepath.Join(t.TempDir(), "prog.go")
	require.NoError(t, os.WriteFile(file, []byte(`package main

import (
	"bufio"
	"fmt"
	"iter"
	"os"
	"os/signal"
)

func main() {
	var _ iter.Seq[int]
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	fmt.Print("name? ")
	line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	fmt.Printf("hello %q; waiting for Ctrl-C\n", line)
	fmt.Println("got", <-c)
}
`), 0o644))
	term := startTerminalArgs(t, []string{file}, "TERM=xterm")
	term.expect("running the program compiled")
	term.expect("name? ")
	term.send("bob\r")
	term.expect(`hello "bob\n"; waiting for Ctrl-C`)
	term.send("\x03")
	term.expect("got interrupt")
	assert.Equal(t, 0, term.exit())
}
