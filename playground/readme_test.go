package main

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/notebook"
	"github.com/gophertutor/concurrency/playground/internal/lineedit"
	"github.com/gophertutor/concurrency/playground/internal/repl"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// TestREADME checks the README's code and output cells, as the lessons'
// notebooks are checked: run go generate ./playground to refresh them.
func TestREADME(t *testing.T) {
	notebook.Verify(t, "README.md")
}

func TestREADMELinksLeadSomewhere(t *testing.T) {
	notebook.VerifyLinks(t, "README.md")
}

// sessionMark precedes a REPL session in the README: a console block in
// which lines after "go> " or "go[N]> " (and "... ") are typed, the others
// printed.
const sessionMark = "<!-- session -->"

// TestREADMESessions types each session of the README into a REPL and
// compares what it prints with what the README shows.
func TestREADMESessions(t *testing.T) {
	data, err := os.ReadFile("README.md")
	require.NoError(t, err)
	sessions := strings.Split(string(data), sessionMark+"\n```console\n")[1:]
	require.NotEmpty(t, sessions)
	for i, s := range sessions {
		block := s[:strings.Index(s, "```\n")]
		var input, want []string
		for _, line := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
			cell, isCell := repl.CutPrompt(line) // "go> ", or "go[2]> " while goroutines run
			switch {
			case isCell:
				input = append(input, cell)
			case strings.HasPrefix(line, repl.ContinuePrmt):
				input = append(input, strings.TrimPrefix(line, repl.ContinuePrmt))
			default:
				want = append(want, line)
			}
		}
		t.Run("session"+string(rune('1'+i)), func(t *testing.T) {
			out := &lockedBuffer{}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			repl.Run(ctx, lineedit.Plain(strings.NewReader(strings.Join(input, "\n")+"\n"), out), repl.Options{})
			testenv.CheckRaces(t)
			assert.Equal(t, strings.Join(want, "\n"), strings.TrimSuffix(out.String(), "\n"))
		})
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
