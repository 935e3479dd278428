// Package reexec starts a program (in the course, this program's own
// binary, started again as a child) with pipes to it beyond its standard
// streams, as the child's file descriptors 3, 4, …: the helper-process
// pattern that lesson 01's library and the playground's supervisor share.
// Lesson 00 writes the same steps by hand, in its own code, to teach them.
// What the child runs and what crosses the pipes is the caller's.
package reexec

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// Dir is the way a pipe carries data.
type Dir int

// The ways a pipe can go.
const (
	// ToChild is a pipe the parent writes and the child reads.
	ToChild Dir = iota
	// FromChild is a pipe the child writes and the parent reads.
	FromChild
)

// Start starts cmd with a pipe for each of dirs, as the child's file
// descriptors 3, 4, … in that order (cmd.ExtraFiles, which must be
// empty), and returns the parent's ends in the same order. Once the child
// has started, the parent's copies of the child's ends are closed, so that
// the parent reads end-of-file when the child exits; if Start fails, every
// end is closed.
func Start(cmd *exec.Cmd, dirs ...Dir) (_ []*os.File, err error) {
	if len(cmd.ExtraFiles) > 0 {
		return nil, errors.New("reexec: the command already has extra files")
	}
	var parent, child []*os.File
	defer func() {
		closeAll(child)
		if err != nil {
			closeAll(parent)
			cmd.ExtraFiles = nil
		}
	}()
	for _, d := range dirs {
		r, w, err := os.Pipe()
		if err != nil {
			return nil, fmt.Errorf("reexec: make a pipe: %w", err)
		}
		if d == ToChild {
			r, w = w, r // the parent's end is the writer
		}
		parent, child = append(parent, r), append(child, w)
	}
	cmd.ExtraFiles = child
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("reexec: %w", err)
	}
	return parent, nil
}

func closeAll(files []*os.File) {
	for _, f := range files {
		f.Close()
	}
}
