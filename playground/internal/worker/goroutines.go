package worker

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/stacks"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// maxGoroutinesDump bounds the stack dumps that list the learner's
// goroutines.
const maxGoroutinesDump = 32 << 20

// learnerGoroutines returns the goroutines of the learner's code in a
// dump, the cell's own first, then by site and ID: those a cell started (see
// isLearners) that run interpreted code. Goroutines of compiled code (the
// os/signal loop, a command's output copiers, a lesson's pool) are left
// out, as are the worker's own.
func (w *worker) learnerGoroutines(gs []stacks.Goroutine) []wire.Goroutine {
	var out []wire.Goroutine
	for _, g := range gs {
		if !isLearners(g) || !runsInterpreted(g) {
			continue
		}
		out = append(out, wire.Goroutine{
			ID: g.ID, State: g.State, Cell: g.Cell(), Site: w.sites.of(g.ID),
			Own: isOwnCode(g),
		})
	}
	slices.SortStableFunc(out, func(a, b wire.Goroutine) int {
		switch {
		case a.Own != b.Own && a.Own:
			return -1
		case a.Own != b.Own:
			return 1
		}
		// Then by where they are in the learner's code (sites are numbered
		// in the order the cells declare them): goroutine IDs come from
		// per-CPU caches, not in the order the goroutines were started.
		// Those with no known site come last.
		return cmp.Or(cmp.Compare(b2i(a.Site == 0), b2i(b.Site == 0)), cmp.Compare(a.Site, b.Site), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// runsInterpreted reports whether g has interpreted code on its stack.
func runsInterpreted(g stacks.Goroutine) bool {
	for _, f := range g.Frames {
		if strings.HasPrefix(f.Func, interpPkg) {
			return true
		}
	}
	return false
}

// currentGoroutines lists the learner's goroutines now.
func (w *worker) currentGoroutines() []wire.Goroutine {
	dump, _ := stacks.Dump(maxGoroutinesDump)
	return w.learnerGoroutines(stacks.Parse(dump))
}

// settlePatience bounds the wait for goroutines that are about to end or
// block, in settledGoroutines.
const settlePatience = 5 * time.Millisecond

// settledGoroutines lists the goroutines a cell left behind: the
// learner's goroutines but the cell's own (it has delivered its result and
// is returning), once those that were running have ended or blocked, or
// settlePatience has passed. Right after a cell, a goroutine that has just
// called wg.Done or sent its result is still running for a moment, and it
// is not one the cell left behind; and one that wg.Go has just created has
// not reached interpreted code yet.
//
// With withOwn set, the cell's own goroutine counts too: after an
// interrupt it may be left running in compiled code (a time.Sleep) while
// the interpreter has given up on it.
//
// A look costs some 25 µs for each goroutine there is; a cell among
// thousands of parked goroutines reuses the last look instead, when a
// census says they are still the ones there are (see lastLook).
func (w *worker) settledGoroutines(withOwn bool) []wire.Goroutine {
	ours := w.timeline.sampling()
	patience := w.looked.patience()
	if !withOwn {
		gs, ok, busy := w.looked.reuse(ours)
		if ok {
			return gs
		}
		if busy {
			patience = minQuietPatience // it waited for quiet in vain: a goroutine runs
		}
	}
	deadline := time.Now().Add(settlePatience)
	for {
		c, quiet := quietCensus(patience)
		began := time.Now()
		dump, ok := stacks.Dump(maxGoroutinesDump)
		all := stacks.Parse(dump)
		gs := slices.DeleteFunc(w.learnerGoroutines(all), func(g wire.Goroutine) bool { return g.Own && !withOwn })
		unsettled := slices.ContainsFunc(all, func(g stacks.Goroutine) bool {
			own := isOwnCode(g) && !withOwn
			return isLearners(g) && !own && (g.State == "running" || g.State == "runnable")
		})
		if !unsettled || time.Now().After(deadline) {
			cost := time.Since(began)
			if quiet && ok && !unsettled && !withOwn {
				w.looked.remember(c, cost, ours, gs)
			} else {
				w.looked.forget(cost)
			}
			return gs
		}
		runtime.Gosched()
		time.Sleep(100 * time.Microsecond)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
