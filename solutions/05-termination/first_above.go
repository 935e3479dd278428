package solutions

import (
	"context"
	"errors"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/05-termination/check"
)

// FirstAbove is the answer to exercise 1: Python's two events, every
// worker started before any is waited for, Stop set once Found is, and
// every worker waited for, its values kept at its index.
func FirstAbove(ctx context.Context, hunt *processes.Func[check.Hunt, check.Drawn], jobs []check.Hunt) (found float64, drawn [][]float64, err error) {
	met, stop := processes.NewEvent(), processes.NewEvent()
	defer met.Close()
	defer stop.Close()
	started := make([]*processes.Process[check.Drawn], 0, len(jobs))
	var errs []error
	for _, job := range jobs {
		job.Found, job.Stop = met, stop
		p := processes.New(hunt, job)
		if err := p.Start(ctx); err != nil {
			errs = append(errs, err)
			break
		}
		started = append(started, p)
	}
	if len(errs) == 0 {
		errs = append(errs, met.Wait(ctx))
	}
	errs = append(errs, stop.Set()) // found, failed or cancelled: every worker stops
	drawn = make([][]float64, len(jobs))
	for i, p := range started {
		d, err := p.Wait(context.WithoutCancel(ctx)) // each returns what it drew
		errs = append(errs, err)
		drawn[i] = d.Values
		if d.Found {
			found = d.Values[len(d.Values)-1]
		}
	}
	return found, drawn, errors.Join(errs...)
}
