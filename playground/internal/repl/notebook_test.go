package repl

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/book"
	"github.com/gophertutor/concurrency/playground/internal/course"
	"github.com/gophertutor/concurrency/playground/internal/lineedit"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// lesson0 is lesson 00's cells, and the index of its first playground cell.
func lesson0(t *testing.T) (root string, cells []book.Cell, first int) {
	t.Helper()
	root, err := course.Root(".")
	require.NoError(t, err)
	lessons, err := book.Lessons(root)
	require.NoError(t, err)
	require.NotEmpty(t, lessons)
	cells, err = lessons[0].Cells()
	require.NoError(t, err)
	for i, c := range cells {
		if len(c.Sessions()) > 0 {
			return root, cells, i
		}
	}
	t.Fatal("lesson 00 has no playground cell")
	return "", nil, 0
}

// notebookSession runs the lines through a REPL with the course at root
// and the progress file at progress.
func notebookSession(t *testing.T, root, progress string, lines ...string) string {
	t.Helper()
	var out buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	Run(ctx, lineedit.Plain(strings.NewReader(strings.Join(lines, "\n")+"\n"), &out), Options{Course: root, Progress: progress})
	testenv.CheckRaces(t)
	return out.String()
}

func TestNotebookWalksALessonToTheEnd(t *testing.T) {
	root, cells, first := lesson0(t)
	progress := filepath.Join(t.TempDir(), "progress.json")
	n := len(cells)

	lines := []string{":lessons", ":next", ":lesson 0"}
	for range n - 1 {
		lines = append(lines, ":next")
	}
	lines = append(lines, ":next", ":prev", fmt.Sprintf(":lesson 0 %d", first+1), ":run", ":prev", ":run", ":lessons")
	out := notebookSession(t, root, progress, lines...)

	assert.Regexp(t, `(?m)^ +0  Overview.* \d+ cells  not started$`, out)
	assert.Contains(t, out, "No lesson is open: :lessons lists them, :lesson N opens one.")
	for i := 1; i <= n; i++ {
		assert.Contains(t, out, fmt.Sprintf("[lesson 0 · cell %d of %d", i, n))
	}
	assert.Contains(t, out, "[the end of lesson 0: :lessons lists the others]")
	assert.Contains(t, out, "You are at the end of lesson 0: there is no next cell.")
	assert.Equal(t, 2, strings.Count(out, fmt.Sprintf("[lesson 0 · cell %d of %d", n-1, n)), ":prev from the end")

	// :run types the cell's session in and prints what the README recorded.
	session := cells[first].Sessions()[0]
	assert.Contains(t, out, session.Body+"\n")
	assert.Contains(t, out, fmt.Sprintf("Cell %d has no playground cell to run. :next goes on.", first))
	assert.Regexp(t, fmt.Sprintf(`(?m)^\* +0  Overview.* %d cells  read to the end, at cell %d$`, n, first), out)

	// The place is kept: a new session starts where this one left off.
	p, err := book.LoadProgress(progress)
	require.NoError(t, err)
	assert.Equal(t, book.Position{Cell: first - 1, Seen: n}, p.Get("00-overview"))
	out = notebookSession(t, root, progress, ":lesson 0")
	assert.Contains(t, out, fmt.Sprintf("[lesson 0 · cell %d of %d", first, n))
}

func TestNotebookMistakes(t *testing.T) {
	root, _, _ := lesson0(t)
	out := notebookSession(t, root, "", ":prev", ":run", ":lesson", ":lesson x", ":lesson 0 0", ":lesson 99", ":lesson 0", ":prev")
	for _, want := range []string{
		"No lesson is open",
		"playground: usage: :lesson N [cell], for example :lesson 0",
		`"x" is not a lesson number`,
		`"0" is not a cell number (they start at 1)`,
		"playground: no lesson 99 (there are 0, 1, 2",
		"You are at the first cell of lesson 0. :next goes on.",
	} {
		assert.Contains(t, out, want)
	}

	out = notebookSession(t, t.TempDir(), "", ":lessons")
	assert.Contains(t, out, "playground: list the lessons:")
}

func TestEditChangesACellAndRunsIt(t *testing.T) {
	root, cells, first := lesson0(t)
	require.Contains(t, cells[first].Sessions()[0].Body, "[]int{2, 3}", "the cell the test edits")
	script := filepath.Join(t.TempDir(), "editor.sh")
	require.NoError(t, os.WriteFile(script, []byte("#!/bin/sh\nsed -i 's/\\[\\]int{2, 3}/[]int{4}/' \"$1\"\n"), 0o755))
	t.Setenv("EDITOR", "sh "+script) // an editor with arguments

	out := notebookSession(t, root, "", fmt.Sprintf(":lesson 0 %d", first+1), ":edit", ":run")
	assert.Equal(t, 2, strings.Count(out, "cube: 64\n[64], <nil> // ([]int, error)\n"), ":edit runs the new text, and :run runs it again")
	assert.Contains(t, out, "go> overview.Cube.Run(context.Background(), []int{4}, overview.Options{Out: os.Stdout})\n")

	t.Setenv("EDITOR", "false")
	out = notebookSession(t, root, "", fmt.Sprintf(":lesson 0 %d", first+1), ":edit")
	assert.Contains(t, out, "playground: edit the cell with false: exit status 1")
}

func TestSplitInputs(t *testing.T) {
	assert.Equal(t, []string{"x := 1", "func f() {\n\treturn\n}", ":decls", "y := ("},
		splitInputs("\nx := 1\n\nfunc f() {\n\treturn\n}\n:decls\ny := (\n"))
}
