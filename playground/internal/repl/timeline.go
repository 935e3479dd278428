package repl

import (
	"context"
	"fmt"
	"go/scanner"
	"go/token"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// cmdTimeline draws the last cell's goroutines as a swim-lane chart.
func cmdTimeline(ctx context.Context, r *repl, _ string) bool {
	tl, err := r.sess.Timeline(ctx)
	if err != nil {
		fmt.Fprintf(r.ed, "playground: %v\n", err)
		r.failed.Store(true)
		return false
	}
	switch {
	case r.last.name != "" && !r.last.ran:
		fmt.Fprintf(r.ed, "%s did not compile, so nothing of it ran: :timeline draws the goroutines of the last cell that ran.\n", r.last.name)
	case tl.Cell == "":
		fmt.Fprintln(r.ed, "No cell has run in this worker yet: :timeline draws the goroutines of the last cell you ran.")
	case !startedGoroutines(tl) && len(tl.Processes) == 0 && r.last.name == tl.Cell && r.last.startsGoroutines:
		fmt.Fprintf(r.ed, "%s started goroutines, but they had all ended before the worker looked at them (it looks every few\n"+
			"milliseconds; the cell ran for %v). Goroutines that last longer, a time.Sleep in them, get lanes.\n",
			tl.Cell, round(tl.Ran))
	case !startedGoroutines(tl) && len(tl.Processes) == 0:
		fmt.Fprintf(r.ed, "%s started no goroutine that the worker saw (it ran for %v; the worker looks every few milliseconds).\n"+
			":timeline draws the goroutines of the last cell you ran: try it after a cell with a go statement.\n",
			tl.Cell, round(tl.Ran))
	default:
		fmt.Fprint(r.ed, drawTimeline(tl))
	}
	return false
}

// startedGoroutines reports whether the timeline has a goroutine other
// than the cell's own code.
func startedGoroutines(tl *wire.Timeline) bool {
	if tl.Dropped > 0 {
		return true
	}
	for _, g := range tl.Goroutines {
		if !g.Own {
			return true
		}
	}
	return false
}

// lastCell is the last cell the REPL sent to run.
type lastCell struct {
	name string
	// ran is set when some of it ran: it compiled, and its first chunk
	// did not fail to compile in the interpreter.
	ran bool
	// startsGoroutines is set when its code has a go statement or calls a
	// Go or AfterFunc (wg.Go, errgroup's g.Go, time.AfterFunc).
	startsGoroutines bool
}

// startsGoroutines reports whether Go source has a go statement, or a call
// of something named Go or AfterFunc.
func startsGoroutines(src string) bool {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(src)), []byte(src), nil, 0)
	prev := token.ILLEGAL
	for {
		_, tok, lit := s.Scan()
		switch {
		case tok == token.EOF:
			return false
		case tok == token.GO:
			return true
		case tok == token.IDENT && prev == token.PERIOD && (lit == "Go" || lit == "AfterFunc"):
			return true
		}
		prev = tok
	}
}
