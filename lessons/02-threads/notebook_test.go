package threads

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/notebook"
)

// TestREADME checks that the lesson's notebook matches the code and what
// running it prints; go generate ./lessons/02-threads regenerates it.
func TestREADME(t *testing.T) {
	notebook.Verify(t, "README.md")
}

// TestREADMEEditedByHandFails changes one character of each output block,
// as a hand edit would, and expects the notebook check to reject it.
func TestREADMEEditedByHandFails(t *testing.T) {
	doc := parseREADME(t)
	outputs := 0
	for _, c := range doc.Cells {
		if c.Kind != notebook.Output {
			continue
		}
		outputs++
		edited := *c
		edited.Body = strings.Replace(c.Body, "s", "S", 1)
		require.NotEqual(t, c.Body, edited.Body)
		err := notebook.CheckRecorded(&edited, "README.md")
		require.Error(t, err, "an edited output block at line %d must fail", c.Line)
		assert.Contains(t, err.Error(), "edited by hand")
	}
	assert.GreaterOrEqual(t, outputs, 10)
}

// TestREADMELinksLeadSomewhere checks every in-page and relative link.
func TestREADMELinksLeadSomewhere(t *testing.T) {
	notebook.VerifyLinks(t, "README.md")
}

// TestEveryExampleIsInTheNotebook keeps the examples and the notebook in
// step: each example's output is recorded, so a test checks it.
func TestEveryExampleIsInTheNotebook(t *testing.T) {
	doc := parseREADME(t)
	commands := map[string]bool{}
	for _, c := range doc.Cells {
		if c.Kind == notebook.Output {
			fields := strings.Fields(c.Source)
			for _, f := range fields {
				commands[f] = true
			}
		}
	}
	dirs, err := os.ReadDir("examples")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, d := range dirs {
		assert.True(t, commands["./lessons/02-threads/examples/"+d.Name()],
			"no output cell runs examples/%s", d.Name())
	}
}

func parseREADME(t *testing.T) *notebook.Doc {
	t.Helper()
	data, err := os.ReadFile("README.md")
	require.NoError(t, err)
	doc, err := notebook.Parse(string(data))
	require.NoError(t, err)
	return doc
}
