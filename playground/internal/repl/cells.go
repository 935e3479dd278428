package repl

import (
	"time"

	"github.com/gophertutor/concurrency/playground/internal/export"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
)

// cellLog is what ran in the session, in order: the cells (and loaded
// files) that ran to their end, for :build and :race to write out as a
// program, and how long the interpreter took on them.
type cellLog struct {
	cells  []export.Cell
	interp time.Duration
}

// ran records a program that ran to its end in d.
func (l *cellLog) ran(p *frontend.Program, d time.Duration) {
	l.cells = append(l.cells, export.Cell{Src: p.Source, RunsMain: p.RunsMain})
	l.interp += d
}

// forget empties the log, with the session.
func (l *cellLog) forget() { *l = cellLog{} }

// resetSession forgets the session's declarations and its cells: the
// worker started afresh.
func (r *repl) resetSession() {
	r.fe.Reset()
	r.log.forget()
}
