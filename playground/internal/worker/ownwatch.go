package worker

import (
	"slices"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// ownWatchInterval is how often the watch takes a census.
const ownWatchInterval = 10 * time.Millisecond

// ownWatch is the watch, after an interrupt, on the learner's goroutines
// it left: the cell's own, in compiled code (a time.Sleep, a write, a
// wait), stops when that returns; the others stop at their next step, or
// when the compiled call they are in returns. The answer to the request
// counted them all; whenever the number alive changes, the watch tells the
// supervisor how many are left (KindLive), so that the prompt's badge does
// not go on counting those that have ended. It ends when none is left, or
// when the next request comes. Without an interrupt it watches only for
// the cell's own goroutine.
type ownWatch struct {
	stop chan struct{}
	done chan struct{}
}

// watchOwn starts the watch for request id, which left live goroutines:
// with interrupted set, until they have all ended; otherwise until the
// cell's own goroutine has.
func (w *worker) watchOwn(id uint64, live int, interrupted bool) {
	w.stopWatch()
	ow := &ownWatch{stop: make(chan struct{}), done: make(chan struct{})}
	w.watch = ow
	spawn(func() {
		defer close(ow.done)
		w.runWatch(id, live, interrupted, ow.stop)
	})
}

// stopWatch ends the watch, if there is one, and waits for it: the next
// request is answered after any update the watch sent.
func (w *worker) stopWatch() {
	if w.watch == nil {
		return
	}
	close(w.watch.stop)
	<-w.watch.done
	w.watch = nil
}

// runWatch looks at the goroutines whenever a census says some began or
// ended, until stop is closed or there is nothing left to watch for.
func (w *worker) runWatch(id uint64, live int, interrupted bool, stop <-chan struct{}) {
	ticker := time.NewTicker(ownWatchInterval)
	defer ticker.Stop()
	last := takeCensus()
	for {
		select {
		case <-stop:
			return
		case <-ticker.C:
		}
		c := takeCensus()
		if c.known && c.created == last.created && c.alive == last.alive {
			continue // the same goroutines
		}
		last = c
		gs := w.currentGoroutines()
		if len(gs) != live {
			live = len(gs)
			_ = w.answers.Send(wire.Message{Kind: wire.KindLive, ID: id, Done: &wire.Done{Live: live}})
		}
		own := slices.ContainsFunc(gs, func(g wire.Goroutine) bool { return g.Own })
		if live == 0 || !own && !interrupted {
			return
		}
	}
}
