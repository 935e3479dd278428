package check

import (
	"context"
	"fmt"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Probe is the checks' instrument inside a child process: the function it
// is given to reports what it does, and waits, where the check says, for
// the check's go-ahead. Pass it on as you were given it.
type Probe struct {
	Index   int
	Reports *processes.Queue[Report]
	Go      *processes.Queue[bool] // this worker's go-aheads
}

// Report is what a probed function tells the check.
type Report struct {
	Index int
	What  What
	Step  int
	X     float64
	// Found and Stop are a hunt's events (What Events), so that the check,
	// in the process that made them, can tell whether they were closed.
	Found, Stop *processes.Event
}

// What a report says.
type What int

// What a probed function reports.
const (
	Drew     What = iota + 1 // it drew X
	Waiting                  // it waits for the go-ahead for step Step
	Made                     // it made its scratch file
	Returned                 // it is returning, normally
	Events                   // the events it was given (Found and Stop), as the check's to look at
	Ending                   // its context ended: it waits for the go-ahead to hand back what it has
)

// say sends a report.
func (p Probe) say(ctx context.Context, what What, step int, x float64) error {
	if p.Reports == nil {
		return fmt.Errorf("check: this job has no probe: pass the jobs on as the check gave them")
	}
	// A report must reach the check even if ctx has just ended: what the
	// function did before must be counted.
	return p.Reports.Put(context.WithoutCancel(ctx), Report{Index: p.Index, What: what, Step: step, X: x})
}

// wait says it waits for step's go-ahead, and waits for it (or for ctx).
func (p Probe) wait(ctx context.Context, step int) error {
	if err := p.say(ctx, Waiting, step, 0); err != nil {
		return err
	}
	_, err := p.Go.Get(ctx)
	return err
}

// holdEnd says its context has ended and waits for the go-ahead to
// return, whatever the context: the check holds a worker's partial result
// back, to see whether the answer waits for it. It gives up after a
// minute, so that a check that is gone leaves no child behind for ever.
func (p Probe) holdEnd(ctx context.Context) {
	if p.say(ctx, Ending, 0, 0) != nil {
		return
	}
	wait, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	_, _ = p.Go.Get(wait)
}

// probes makes the queues for n probed workers.
func probes(n int) (*processes.Queue[Report], []Probe) {
	reports := processes.NewQueue[Report](0)
	ps := make([]Probe, n)
	for i := range ps {
		ps[i] = Probe{Index: i, Reports: reports, Go: processes.NewQueue[bool](0)}
	}
	return reports, ps
}

// closeProbes frees the queues.
func closeProbes(reports *processes.Queue[Report], ps []Probe) {
	_ = reports.Close()
	for _, p := range ps {
		_ = p.Go.Close()
	}
}
