// Package lineedit reads the REPL's input. On a terminal it edits lines
// (golang.org/x/term: cursor keys, history kept in a file, bracketed
// paste) and writes output from background goroutines above the line being
// typed instead of through it. Elsewhere (a pipe, a file) it reads plain
// lines. Both sit behind Editor.
package lineedit

import (
	"errors"
	"io"
)

// Editor reads lines and writes output.
type Editor interface {
	// ReadLine shows prompt and returns the next line, without its
	// newline. It returns ErrInterrupt when the learner pressed Ctrl-C,
	// and io.EOF at the end of the input (Ctrl-D on an empty line).
	ReadLine(prompt string) (string, error)
	// Write writes output. It is safe to call from any goroutine, also
	// while ReadLine waits: the line being typed is redrawn below.
	io.Writer
	// Interrupts delivers the Ctrl-C presses that come while no ReadLine
	// runs (a cell is running). It is nil when the editor cannot see them
	// (the input is not a terminal: Ctrl-C is then a signal).
	Interrupts() <-chan struct{}
	// Interactive reports whether a person is typing: prompts are shown.
	Interactive() bool
	// Close restores the terminal and stops reading.
	Close() error
}

// ErrInterrupt is returned by ReadLine when the learner pressed Ctrl-C.
var ErrInterrupt = errors.New("interrupted")
