package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCtrlCAtThePromptSaysHowToStopGoroutines: Ctrl-C at an idle prompt
// drops the line; while goroutines of the learner's cells run, it also says
// how to stop them, since it does not.
func TestCtrlCAtThePromptSaysHowToStopGoroutines(t *testing.T) {
	term := startTerminal(t)
	term.expect("go> ")
	term.send("\x03") // no goroutine: only the line goes
	term.expect("^C")
	term.expect("go> ")
	term.send(`import "time"; go func() { for { time.Sleep(time.Millisecond) } }()` + "\r")
	term.expect("go[1]> ")
	term.send("half a line\x03")
	term.expect("^C\r\n1 goroutine of your cells is still alive: Ctrl-C at the prompt only drops the line. :goroutines shows where they are;\r\n" +
		":restart stops them (a new worker, your declarations replayed), or make them return (close a channel they wait on).\r\n")
	term.expect("go[1]> ")
	term.send(":restart\r")
	term.expect("go> ")
	term.send("\x04")
	assert.Equal(t, 0, term.exit())
}

// TestTheBadgeIsTrueAfterAnInterrupt: Ctrl-C of a cell stops the goroutines
// of earlier cells too, at their next step, after the answer counted them:
// the prompt is drawn again with the number left (the interrupted cell's
// own goroutine, asleep in time.Sleep for an hour).
func TestTheBadgeIsTrueAfterAnInterrupt(t *testing.T) {
	term := startTerminal(t)
	term.expect("go> ")
	term.send(`import ("fmt"; "time"); go func() { for { time.Sleep(time.Millisecond) } }()` + "\r")
	term.expect("go[1]> ")
	term.send(`fmt.Println("sleeping"); time.Sleep(time.Hour)` + "\r")
	term.expect("sleeping\r\n")
	term.send("\x03")
	term.expect("interrupted")
	term.expect("go[1]> ") // drawn again, if the answer counted both
	term.send(":goroutines\r")
	term.expect("1 goroutine of your cells")
	term.expect("sleep")
	term.expect("go[1]> ")
	term.send("\x04")
	assert.Equal(t, 0, term.exit())
}

// TestEditWithoutEditorSaysWhatItOpensAndAQuitRunsNothing: :edit with no
// $EDITOR says that it opens vi and how to leave it; leaving the file as it
// was (vi's :q!) runs nothing, a changed file runs.
func TestEditWithoutEditorSaysWhatItOpensAndAQuitRunsNothing(t *testing.T) {
	bin := t.TempDir()
	// A vi that quits without saving, the first time, and changes the
	// cell the second.
	vi := "#!/bin/sh\nif [ -e \"" + filepath.Join(bin, "once") + "\" ]; then sed -i 's/\\[\\]int{2, 3}/[]int{5}/' \"$1\"; fi\ntouch \"" + filepath.Join(bin, "once") + "\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "vi"), []byte(vi), 0o755))
	term := startTerminalWith(t, "TERM=xterm", "EDITOR=", "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	term.expect("go> ")
	term.send(":lesson 0\r")
	term.expect("[lesson 0 · cell 1 of")
	term.expect("go> ")
	for { // to the first cell with a playground session
		term.send(":next\r")
		if strings.Contains(term.upTo("go> "), "playground cell (:run runs it") {
			break
		}
	}
	term.send(":edit\r")
	term.expect("$EDITOR is not set, so the cell opens in vi (lesson0_cell")
	term.expect(":wq saves it and runs it, :q! leaves it as it was and runs nothing.\r\n")
	term.expect("The cell is unchanged (the editor quit without saving a change): nothing ran. :run runs it as it is.\r\n")
	term.expect("go> ")
	term.send(":edit\r")
	term.expect("cube: 125\r\n[125], <nil> // ([]int, error)\r\n")
	term.expect("go> ")
	term.send("\x04")
	assert.Equal(t, 0, term.exit())
}
