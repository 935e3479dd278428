package futures

import (
	"context"
	"errors"
	"fmt"
)

// Awaitable is what Wait and AsCompleted take: a *Future of any result
// type. Mixed result types wait together as []futures.Awaitable.
type Awaitable interface {
	future() *core
}

// WaitMode says when Wait returns: Python's return_when.
type WaitMode int

// The modes of Wait.
const (
	// AllCompleted: when every future is done (Python's ALL_COMPLETED).
	AllCompleted WaitMode = iota
	// FirstCompleted: when any future is done (FIRST_COMPLETED).
	FirstCompleted
	// FirstError: when a future finishes with an error, or, if none does,
	// when all are done (FIRST_EXCEPTION). A cancelled future is not an
	// error here.
	FirstError
)

func (m WaitMode) String() string {
	switch m {
	case AllCompleted:
		return "AllCompleted"
	case FirstCompleted:
		return "FirstCompleted"
	case FirstError:
		return "FirstError"
	}
	return fmt.Sprintf("WaitMode(%d)", int(m))
}

// waiter is told of each future that is done, through a channel that has
// room for all of them.
type waiter struct {
	ch chan *core
}

func (w *waiter) notify(c *core) { w.ch <- c }

// unique is fs without repeats (the first of each), with their cores.
func unique[F Awaitable](fs []F) ([]F, []*core) {
	seen := make(map[*core]bool, len(fs))
	var out []F
	var cores []*core
	for _, f := range fs {
		c := f.future()
		if !seen[c] {
			seen[c] = true
			out, cores = append(out, f), append(cores, c)
		}
	}
	return out, cores
}

// Wait waits for the futures fs as mode says, or until ctx ends, and
// returns which are done and which are not, each once, in the order
// given: Python's wait(fs, timeout, return_when). A deadline is not an
// error: Wait returns the two sets as they are then. The error is for bad
// input only: no futures, a nil one, or an unknown mode.
func Wait[F Awaitable](ctx context.Context, fs []F, mode WaitMode) (done, notDone []F, err error) {
	switch {
	case mode != AllCompleted && mode != FirstCompleted && mode != FirstError:
		return nil, nil, fmt.Errorf("futures: wait: %v is not a mode: use AllCompleted, FirstCompleted or FirstError", mode)
	case len(fs) == 0:
		return nil, nil, errors.New("futures: wait: no futures to wait for")
	}
	for i, f := range fs {
		if any(f) == nil || f.future() == nil {
			return nil, nil, fmt.Errorf("futures: wait: future %d is nil", i)
		}
	}
	fs, cores := unique(fs)
	w := &waiter{ch: make(chan *core, len(cores))}
	for _, c := range cores {
		c.listen(listener{waiter: w})
	}
	defer func() {
		for _, c := range cores {
			c.unlisten(w)
		}
	}()
	finished := map[*core]bool{}
	for !enough(mode, finished, len(cores)) {
		select {
		case c := <-w.ch:
			finished[c] = true
		case <-ctx.Done():
			return partition(fs)
		}
	}
	return partition(fs)
}

// enough reports whether Wait in mode may return, given the futures done.
func enough(mode WaitMode, finished map[*core]bool, n int) bool {
	switch {
	case len(finished) == n:
		return true
	case mode == FirstCompleted:
		return len(finished) > 0
	case mode == FirstError:
		for c := range finished {
			if c.State() == Finished && c.outcome() != nil {
				return true
			}
		}
	}
	return false
}

// partition splits fs into the done and the not done, now.
func partition[F Awaitable](fs []F) (done, notDone []F, err error) {
	for _, f := range fs {
		if f.future().isDone() {
			done = append(done, f)
		} else {
			notDone = append(notDone, f)
		}
	}
	return done, notDone, nil
}
