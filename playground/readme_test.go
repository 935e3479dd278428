package main

import (
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

// TestSessions types each playground session of this README and of every
// lesson's notebook into a REPL and compares what it prints with what the
// README shows (PLAYGROUND_RERECORD=1 records them afresh).
func TestSessions(t *testing.T) {
	readmes, err := filepath.Glob("../lessons/*/README.md")
	require.NoError(t, err)
	for _, path := range append([]string{"README.md"}, readmes...) {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) { sessiontest.Verify(t, path) })
	}
}
