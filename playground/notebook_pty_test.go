package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/book"
	"github.com/gophertutor/concurrency/playground/internal/course"
)

// TestTerminalWalksLessonZero is the notebook's Done-when, in a terminal:
// :lesson 0, every cell, :run and :edit of a playground cell, then :check 0.
func TestTerminalWalksLessonZero(t *testing.T) {
	root, err := course.Root(".")
	require.NoError(t, err)
	lessons, err := book.Lessons(root)
	require.NoError(t, err)
	cells, err := lessons[0].Cells()
	require.NoError(t, err)
	n := len(cells)

	// The editor reads the new numbers from the terminal: it gets the keys
	// only if the playground stopped reading them.
	script := filepath.Join(t.TempDir(), "editor.sh")
	require.NoError(t, os.WriteFile(script, []byte("#!/bin/sh\nprintf 'new numbers? '\nIFS= read -r nums\n"+
		"sed -i \"s/\\[\\]int{2, 3}/$nums/\" \"$1\"\n"), 0o755))
	t.Setenv("EDITOR", script)

	term := startTerminal(t)
	term.expect("go> ")
	term.send(":lesson 0\r")
	term.expect(fmt.Sprintf("[lesson 0 · cell 1 of %d]", n))
	first := -1
	for i := 2; i <= n; i++ {
		term.expect("go> ")
		term.send(":next\r")
		term.expect(fmt.Sprintf("[lesson 0 · cell %d of %d", i, n))
		if first < 0 && len(cells[i-1].Sessions()) > 0 {
			first = i
			term.expect("playground cell (:run runs it")
			term.expect("go> ")
			term.send(":run\r")
			term.expect("cube: 27\r\n[8 27], <nil> // ([]int, error)\r\n")
			term.expect("go> ")
			term.send(":edit\r")
			term.expect("new numbers? ")
			term.send("[]int{5}\r")
			term.expect("cube: 125\r\n[125], <nil> // ([]int, error)\r\n")
		}
	}
	term.expect("[the end of lesson 0")
	term.expect("go> ")
	term.send(":next\r")
	term.expect("You are at the end of lesson 0")
	term.expect("go> ")
	term.send("1 + 1\r") // the line editor has the keys again
	term.expect("2 // int\r\n")
	term.expect("go> ")
	term.send(":check 0\r") // the exercises of the lesson just read
	term.expect("LESSON  EXERCISE")
	term.expect("\r\n00      ") // a row, whatever the learner has done so far
	term.expect(" failing")     // the summary
	term.expect("go> ")
	term.send("\x04")
	assert.Equal(t, 0, term.exit())
	assert.Positive(t, first, "lesson 0 has a playground cell")
}
