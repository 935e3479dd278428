package worker

import (
	"slices"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// ownWatchInterval is how often the watch takes a census.
const ownWatchInterval = 10 * time.Millisecond

// ownWatch is the watch, after an interrupt, on the cell's own goroutine
// that the interrupt left in compiled code: a time.Sleep, a write, a
// wait. It stops at its next step, when that returns, and the answer to
// the request counted it; when it has ended, the watch tells the
// supervisor how many of the learner's goroutines are left (KindLive), so
// that the prompt's badge does not go on counting it.
type ownWatch struct {
	stop chan struct{}
	done chan struct{}
}

// watchOwn starts the watch for request id, whose own goroutine is left.
func (w *worker) watchOwn(id uint64) {
	w.stopWatch()
	ow := &ownWatch{stop: make(chan struct{}), done: make(chan struct{})}
	w.watch = ow
	spawn(func() {
		defer close(ow.done)
		w.runWatch(id, ow.stop)
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
// ended, until the cell's own goroutine is gone or stop is closed.
func (w *worker) runWatch(id uint64, stop <-chan struct{}) {
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
			continue // the same goroutines: it is still there
		}
		last = c
		gs := w.currentGoroutines()
		if !slices.ContainsFunc(gs, func(g wire.Goroutine) bool { return g.Own }) {
			_ = w.answers.Send(wire.Message{Kind: wire.KindLive, ID: id, Done: &wire.Done{Live: len(gs)}})
			return
		}
	}
}
