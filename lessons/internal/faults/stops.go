package faults

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// StopKind is how a task answers the rungs of the termination ladder
// (lesson 05): asked through its context, then SIGTERM, then SIGKILL.
type StopKind int

// The ways a task answers being stopped.
const (
	Listens     StopKind = iota // returns what it has done when its context is cancelled
	HandlesTerm                 // deaf to its context; on SIGTERM (signal.NotifyContext) returns what it has done
	DiesOnTerm                  // deaf to its context; SIGTERM's default action ends it
	IgnoresTerm                 // deaf to its context and to SIGTERM (signal.Ignore): only SIGKILL ends it
)

var stopKindNames = map[StopKind]string{
	Listens: "listens to its context", HandlesTerm: "handles SIGTERM", DiesOnTerm: "dies on SIGTERM", IgnoresTerm: "ignores SIGTERM",
}

// String says how the task answers, for subtests.
func (k StopKind) String() string { return stopKindNames[k] }

// StopTask is what Stoppee is told: how to answer, where to say it is
// ready, and the scratch file it makes and removes in a deferred call.
type StopTask struct {
	Kind StopKind
	// Ready gets the task's process ID once it is ready to be stopped (its
	// signal handling is in place).
	Ready *processes.Queue[int]
	// Scratch is a file the task creates, and removes in a deferred call:
	// still there after the task ended, it says that the deferred calls
	// never ran.
	Scratch string
}

// Partial is what Stoppee did before it was stopped.
type Partial struct {
	Steps int
}

// Stoppee works, a step a millisecond, until it is stopped the way its
// kind allows, and returns the steps it did.
var Stoppee = processes.Register("faults.stoppee", func(ctx context.Context, t StopTask) (Partial, error) {
	stopped := ctx
	switch t.Kind {
	case HandlesTerm:
		var stop context.CancelFunc
		stopped, stop = signal.NotifyContext(context.Background(), syscall.SIGTERM)
		defer stop()
	case DiesOnTerm:
		stopped = context.Background()
	case IgnoresTerm:
		signal.Ignore(syscall.SIGTERM)
		stopped = context.Background()
	}
	f, err := os.Create(t.Scratch)
	if err != nil {
		return Partial{}, err
	}
	f.Close()
	defer os.Remove(t.Scratch)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	<-tick.C
	p := Partial{Steps: 1} // one step done before it says it is ready
	if err := t.Ready.Put(ctx, os.Getpid()); err != nil {
		return p, fmt.Errorf("faults: say it is ready: %w", err)
	}
	for {
		select {
		case <-stopped.Done():
			return p, nil
		case <-tick.C:
			p.Steps++
		}
	}
})

// StopCase is one way a task answers being stopped, and what the ladder
// must find.
type StopCase struct {
	Kind StopKind
	// Rung is the rung the ladder climbs to before the task exits, by
	// name: "asked", "terminated" or "killed".
	Rung string
	// Returns: its partial result comes back to the parent.
	Returns bool
	// Cleans: its deferred calls ran (its scratch file is gone).
	Cleans bool
	// ExitCode is Python's exitcode of the task's process: 0, or minus the
	// signal that ended it.
	ExitCode int
}

// StopCases is the table: every way a task answers, and what stopping it
// gives.
var StopCases = []StopCase{
	{Kind: Listens, Rung: "asked", Returns: true, Cleans: true, ExitCode: 0},
	{Kind: HandlesTerm, Rung: "terminated", Returns: true, Cleans: true, ExitCode: 0},
	{Kind: DiesOnTerm, Rung: "terminated", ExitCode: -int(syscall.SIGTERM)},
	{Kind: IgnoresTerm, Rung: "killed", ExitCode: -int(syscall.SIGKILL)},
}
