package termination

import (
	"context"
	"fmt"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Search is the task of one worker of Python's section 5.2: draw values
// until one is above Target, or until told to stop.
type Search struct {
	Seed   uint64
	Worker int
	Target float64
	// Found is set by the worker that draws a value above Target (Python's
	// met_condition). Stop, once set, stops every worker (Python's
	// terminate); nil means Found: the first worker to find stops them all.
	Found, Stop *processes.Event
	// Work is how long drawing one value takes.
	Work time.Duration
	// Print prints each value as it is drawn, as Python's do_work does.
	Print bool
}

// Drawn is what a worker drew: every value, in order, and whether the last
// one was above the target.
type Drawn struct {
	Worker int
	Values []float64
	Found  bool
}

// Hunt is Python's do_work of section 5.2, the Go way: it watches Stop
// through a context (WhenSet), so that a draw in progress stops when Stop
// is set, and it returns every value it drew, where Python's appends them
// to a list in the child's memory and returns None.
var Hunt = processes.Register("termination.Hunt", func(ctx context.Context, s Search) (Drawn, error) {
	stop := s.Stop
	if stop == nil {
		stop = s.Found
	}
	ctx, cancel := WhenSet(ctx, stop)
	defer cancel()
	values := NewValues(s.Seed, s.Worker)
	d := Drawn{Worker: s.Worker}
	timer := time.NewTimer(s.Work)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return d, nil // every value drawn so far goes back
		case <-timer.C:
		}
		x := values.Next()
		d.Values = append(d.Values, x)
		if s.Print {
			fmt.Printf("worker %d drew %.2f\n", s.Worker, x)
		}
		if x > s.Target {
			d.Found = true
			return d, s.Found.Set()
		}
		timer.Reset(s.Work)
	}
})
