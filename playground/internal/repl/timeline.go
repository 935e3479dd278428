package repl

import (
	"context"
	"fmt"

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
	case tl.Cell == "":
		fmt.Fprintln(r.ed, "No cell has run in this worker yet: :timeline draws the goroutines of the last cell you ran.")
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
