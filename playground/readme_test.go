package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/notebook"
	"github.com/gophertutor/concurrency/playground/internal/repl"
	"github.com/gophertutor/concurrency/playground/internal/sessiontest"
)

// TestREADME checks the README's code and output cells, as the lessons'
// notebooks are checked: run go generate ./playground to refresh them.
func TestREADME(t *testing.T) {
	notebook.Verify(t, "README.md")
}

func TestREADMELinksLeadSomewhere(t *testing.T) {
	notebook.VerifyLinks(t, "README.md")
}

// TestREADMEListsEveryCommand: the table of commands names each of them.
func TestREADMEListsEveryCommand(t *testing.T) {
	data, err := os.ReadFile("README.md")
	require.NoError(t, err)
	for _, c := range repl.Commands() {
		assert.True(t, strings.Contains(string(data), "| `:"+c.Name), "the README's table of commands lacks :%s", c.Name)
	}
}

// guide is the playground's page in docs/.
const guide = "../docs/playground.md"

// commandsMark ends the guide: the table of every command follows it,
// written from the REPL's own table (PLAYGROUND_RERECORD=1 rewrites it).
const commandsMark = "<!-- commands -->\n"

// TestGuideListsEveryCommand: the guide's table of commands is the REPL's.
func TestGuideListsEveryCommand(t *testing.T) {
	data, err := os.ReadFile(guide)
	require.NoError(t, err)
	head, _, found := strings.Cut(string(data), commandsMark)
	require.True(t, found, "%s lacks %q", guide, commandsMark)
	want := head + commandsMark + "\n" + commandTable()
	if os.Getenv(sessiontest.RerecordEnv) != "" {
		require.NoError(t, os.WriteFile(guide, []byte(want), 0o644))
		return
	}
	assert.Equal(t, want, string(data), "run go generate ./playground to rewrite the table")
}

// commandTable is the guide's table of commands.
func commandTable() string {
	var b strings.Builder
	b.WriteString("| Command | What it does |\n| --- | --- |\n")
	for _, c := range repl.Commands() {
		usage := ":" + c.Name
		if c.Args != "" {
			usage += " " + c.Args
		}
		for _, a := range c.Aliases {
			usage += "`, `:" + a
		}
		fmt.Fprintf(&b, "| `%s` | %s |\n", usage, strings.ReplaceAll(c.Summary, "|", "\\|"))
	}
	return b.String()
}

// TestSessions types each playground session of this README and of every
// lesson's notebook into a REPL and compares what it prints with what the
// README shows (PLAYGROUND_RERECORD=1 records them afresh).
func TestSessions(t *testing.T) {
	readmes, err := filepath.Glob("../lessons/*/README.md")
	require.NoError(t, err)
	for _, path := range append([]string{"README.md", guide}, readmes...) {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) { sessiontest.Verify(t, path) })
	}
}
