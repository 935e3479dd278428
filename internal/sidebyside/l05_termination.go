package sidebyside

import (
	"context"
	"errors"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

// Lesson 05's figures: stopping n worker processes by terminate and by an
// Event, and what asking an Event costs in a child. Their Python twins are
// in l05_termination.py.
var lesson05 = []*Figure{
	{ID: "stop-terminate", Lesson: "05", Kind: Wall, Size: 8, Short: 2, Rounds: 3,
		What: "terminate n busy worker processes, until every one is gone", Go: stopWorkers(false)},
	{ID: "stop-event", Lesson: "05", Kind: Wall, Size: 8, Short: 2, Rounds: 3,
		What: "set an Event n worker processes watch, until every one is gone", Go: stopWorkers(true)},
	{ID: "event-is-set", Lesson: "05", Kind: PerOp, Size: 5000, Short: 500, Rounds: 3,
		What: "Event.is_set() / IsSet in a child, n times: per call", Go: isSetInChild},
}

// Worker is what a worker process of the stop figures is given: whether it
// watches Stop, and the queue on which it says it has started.
type Worker struct {
	Watch   bool
	Stop    *processes.Event
	Started *processes.Queue[int]
}

// worker ticks every 100µs until it is stopped: by Stop if it watches it,
// otherwise only by a signal.
var worker = processes.Register("sidebyside.worker", func(ctx context.Context, w Worker) (int, error) {
	if w.Watch {
		var cancel context.CancelFunc
		ctx, cancel = termination.WhenSet(ctx, w.Stop)
		defer cancel()
	} else {
		ctx = context.Background() // only a signal stops it
	}
	if err := w.Started.Put(ctx, 1); err != nil {
		return 0, err
	}
	tick := time.NewTicker(100 * time.Microsecond)
	defer tick.Stop()
	for ticks := 0; ; ticks++ {
		select {
		case <-ctx.Done():
			return ticks, nil
		case <-tick.C:
		}
	}
})

func stopWorkers(watch bool) func(context.Context, *Env, int) (float64, error) {
	return func(ctx context.Context, _ *Env, n int) (float64, error) {
		started := processes.NewQueue[int](0)
		defer started.Close()
		e := processes.NewEvent()
		defer e.Close()
		var ps []*processes.Process[int]
		for range n {
			p := processes.New(worker, Worker{Watch: watch, Stop: e, Started: started})
			if err := p.Start(ctx); err != nil {
				return 0, errors.Join(err, killAll(ps))
			}
			ps = append(ps, p)
		}
		for range ps {
			if _, err := started.Get(ctx); err != nil {
				return 0, errors.Join(err, killAll(ps))
			}
		}
		s, err := timed(func() error {
			if watch {
				if err := e.Set(); err != nil {
					return err
				}
			} else {
				for _, p := range ps {
					if err := p.Terminate(); err != nil {
						return err
					}
				}
			}
			for _, p := range ps {
				<-p.Done()
			}
			return nil
		})
		if err != nil {
			return 0, errors.Join(err, killAll(ps))
		}
		for _, p := range ps {
			_, werr := p.Wait(ctx)
			if watch {
				err = errors.Join(err, werr) // a terminated worker's Wait is its death
			}
		}
		return s, err
	}
}

// killAll kills the workers of a figure that failed half way, and reaps
// them.
func killAll(ps []*processes.Process[int]) error {
	var errs []error
	for _, p := range ps {
		errs = append(errs, p.Kill())
	}
	for _, p := range ps {
		_, _ = p.Wait(context.Background()) // a killed worker's error is its death
	}
	return errors.Join(errs...)
}

// IsSets is what the child of the event-is-set figure is given.
type IsSets struct {
	Event *processes.Event
	N     int
}

// isSetMany asks the event N times and returns the seconds it took.
var isSetMany = processes.Register("sidebyside.isset", func(_ context.Context, a IsSets) (float64, error) {
	return perOp(a.N, func() error {
		for range a.N {
			if _, err := a.Event.IsSet(); err != nil {
				return err
			}
		}
		return nil
	})
})

func isSetInChild(ctx context.Context, _ *Env, n int) (float64, error) {
	e := processes.NewEvent()
	defer e.Close()
	p := processes.New(isSetMany, IsSets{Event: e, N: n})
	if err := p.Start(ctx); err != nil {
		return 0, err
	}
	return p.Wait(ctx)
}
