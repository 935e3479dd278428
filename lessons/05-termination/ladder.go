package termination

import (
	"errors"
	"fmt"
	"time"
)

// Rung is how far up the termination ladder a process had to be taken
// before it exited.
type Rung int

// The rungs of the ladder, from the gentlest.
const (
	// Gone: it had exited before the stop began; nothing was done to it.
	Gone Rung = iota
	// Asked: it stopped when asked (a cancelled context, a set Event), so
	// it could return what it had and its deferred calls ran.
	Asked
	// Terminated: it exited after SIGTERM. A child that handles SIGTERM
	// (signal.NotifyContext) returns what it had; a Go program that does
	// not handle it dies at once, and its deferred calls never run.
	Terminated
	// Killed: SIGKILL ended it. No program can catch it: what it held in
	// memory is lost and nothing it deferred runs.
	Killed
)

// String names the rung: "gone", "asked", "terminated" or "killed".
func (r Rung) String() string {
	switch r {
	case Gone:
		return "gone"
	case Asked:
		return "asked"
	case Terminated:
		return "terminated"
	case Killed:
		return "killed"
	}
	return fmt.Sprintf("Rung(%d)", int(r))
}

// Stoppable is a process the ladder can stop: lesson 01's
// *processes.Process, of any result type, is one.
type Stoppable interface {
	// Done is closed once the process has exited (nil before it starts).
	Done() <-chan struct{}
	// Terminate sends SIGTERM; Kill sends SIGKILL. Both leave a process
	// that has exited alone.
	Terminate() error
	Kill() error
}

// Stop stops every process in ps by the termination ladder, each rung only
// for the processes that the rung before did not end within grace:
//
//  1. ask: ask is called once, to ask every process to stop (cancel the
//     context they were started with, set the Event they watch); a nil ask
//     skips this rung;
//  2. SIGTERM: a child that handles it can still save its work and return;
//  3. SIGKILL, which no process can catch.
//
// It returns once every process has exited, with the rung each one needed
// (Gone for one that had exited before). A grace period below zero, or a
// process that has not been started, is an error, and nothing is stopped.
// With no process left running, ask is not called.
//
// If ask cancels the processes' context, lesson 01 kills each one whose
// function has not returned within its own grace period (processes.WithGrace,
// 2 s unless told): start them WithGrace longer than twice this grace, or
// that kill comes before this ladder's SIGTERM.
func Stop(ask func(), grace time.Duration, ps ...Stoppable) ([]Rung, error) {
	if grace < 0 {
		return nil, fmt.Errorf("termination: stop: a grace period of %v: it cannot be negative (0 climbs from one rung to the next at once)", grace)
	}
	for i, p := range ps {
		if p == nil || p.Done() == nil {
			return nil, fmt.Errorf("termination: stop: process %d of %d has not been started, so there is nothing to stop: "+
				"start it first, or leave it out", i+1, len(ps))
		}
	}
	rungs := make([]Rung, len(ps))
	alive := stillRunning(ps, indexes(len(ps)), 0)
	if len(alive) == 0 {
		return rungs, nil
	}
	if ask != nil {
		climb(rungs, alive, Asked)
		ask()
		alive = stillRunning(ps, alive, grace)
	}
	var errs []error
	if len(alive) > 0 {
		climb(rungs, alive, Terminated)
		for _, i := range alive {
			if err := ps[i].Terminate(); err != nil {
				errs = append(errs, fmt.Errorf("termination: stop process %d: %w", i+1, err))
			}
		}
		alive = stillRunning(ps, alive, grace)
	}
	if len(alive) > 0 {
		climb(rungs, alive, Killed)
		for _, i := range alive {
			if err := ps[i].Kill(); err != nil {
				errs = append(errs, fmt.Errorf("termination: stop process %d: %w", i+1, err))
			}
		}
		for _, i := range alive {
			<-ps[i].Done()
		}
	}
	return rungs, errors.Join(errs...)
}

func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func climb(rungs []Rung, which []int, to Rung) {
	for _, i := range which {
		rungs[i] = to
	}
}

// stillRunning waits up to grace for the processes in which to exit, and
// returns those still running then.
func stillRunning(ps []Stoppable, which []int, grace time.Duration) []int {
	timer := time.NewTimer(grace)
	defer timer.Stop()
	var left []int
	expired := false
	for _, i := range which {
		if !expired {
			select {
			case <-ps[i].Done():
				continue
			case <-timer.C:
				expired = true
			}
		}
		select {
		case <-ps[i].Done():
		default:
			left = append(left, i)
		}
	}
	return left
}
