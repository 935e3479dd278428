package repl

import (
	"fmt"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// blocked writes the goroutines of a deadlock as Go's runtime does after
// its "fatal error" line, with each one's place in the learner's code
// instead of its stack. They are numbered in the order shown, the cell's
// own goroutine first, as a program's main goroutine is goroutine 1: the
// worker's own goroutine IDs would change from run to run and mean nothing
// to the learner.
func (r *reporter) blocked(current string, gs []wire.Goroutine) {
	for i, g := range gs {
		who := "the cell's own goroutine"
		if !g.Own {
			who = "started by " + cellTitle(g.Cell)
		}
		state, where, code := place(r.fe, g, current)
		fmt.Fprintf(r.out, "\ngoroutine %d [%s], %s:\n", i+1, state, who)
		if where != "" {
			fmt.Fprintf(r.out, "\t%s  %s\n", where, code)
		} else {
			fmt.Fprintln(r.out, "\t(where in your code is not known)")
		}
	}
}
