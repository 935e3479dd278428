package notebook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// VerifyLesson runs every check of a lesson's notebook. Call it from a test
// in the lesson's folder, where README.md and examples/ are:
//
//   - cells: Verify (code from its files, outputs from real runs);
//   - hand-edits: a one-character edit of any output block is caught;
//   - links: VerifyLinks;
//   - examples: every program under examples/ is run by an output cell, so
//     a test checks what it prints, and its main.go is shown by a code cell,
//     so the reader sees the code that printed it.
func VerifyLesson(t *testing.T) {
	t.Run("cells", func(t *testing.T) { Verify(t, "README.md") })
	t.Run("hand-edits", verifyHandEditsFail)
	t.Run("links", func(t *testing.T) { VerifyLinks(t, "README.md") })
	t.Run("examples", verifyEveryExampleRuns)
	t.Run("examples shown", verifyEveryExampleShown)
}

func readme(t *testing.T) *Doc {
	t.Helper()
	data, err := os.ReadFile("README.md")
	require.NoError(t, err)
	doc, err := Parse(string(data))
	require.NoError(t, err)
	return doc
}

// verifyHandEditsFail changes one character of each output block, as a
// hand edit would, and expects CheckRecorded to reject it.
func verifyHandEditsFail(t *testing.T) {
	outputs := 0
	for _, c := range readme(t).Cells {
		if c.Kind != Output {
			continue
		}
		outputs++
		edited := *c
		edited.Body = strings.Replace(c.Body, "s", "S", 1)
		require.NotEqual(t, c.Body, edited.Body, "line %d", c.Line)
		err := CheckRecorded(&edited, "README.md")
		require.Error(t, err, "an edited output block at line %d must fail", c.Line)
		assert.Contains(t, err.Error(), "edited by hand")
	}
	assert.Positive(t, outputs, "a lesson notebook shows output")
}

// verifyEveryExampleRuns checks that each examples/<name> appears in an
// output cell's command.
func verifyEveryExampleRuns(t *testing.T) {
	run := map[string]bool{}
	for _, c := range readme(t).Cells {
		if c.Kind == Output {
			for _, f := range strings.Fields(c.Source) {
				run[strings.TrimSuffix(f, "/")] = true
			}
		}
	}
	dirs, err := os.ReadDir("examples")
	if os.IsNotExist(err) {
		return
	}
	require.NoError(t, err)
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		found := false
		for cmd := range run {
			found = found || strings.HasSuffix(cmd, "/examples/"+d.Name())
		}
		assert.True(t, found, "examples/%s is not run by any output cell of README.md", d.Name())
	}
}

// verifyEveryExampleShown checks that each examples/<name>/main.go is the
// source of a code cell (all of it, or some of its declarations).
func verifyEveryExampleShown(t *testing.T) {
	shown := map[string]bool{}
	for _, c := range readme(t).Cells {
		if c.Kind == Code {
			path, _, _ := strings.Cut(c.Source, "#")
			shown[filepath.ToSlash(filepath.Clean(path))] = true
		}
	}
	dirs, err := os.ReadDir("examples")
	if os.IsNotExist(err) {
		return
	}
	require.NoError(t, err)
	for _, d := range dirs {
		if d.IsDir() {
			main := "examples/" + d.Name() + "/main.go"
			assert.True(t, shown[main], "no code cell of README.md shows %s: show the example's code where its output is", main)
		}
	}
}
