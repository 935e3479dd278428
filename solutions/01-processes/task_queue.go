package solutions

import (
	"context"
	"errors"
	"fmt"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
)

// TaskQueue is the answer to exercise 2: start every worker before waiting
// for any, wait for all, and only then drain the results queue.
func TaskQueue(ctx context.Context, drain *processes.Func[check.Work, int], probe check.Probe, tasks []string, workers int) ([]string, error) {
	work := check.Work{Tasks: processes.NewQueue[string](0), Results: processes.NewQueue[string](0), Probe: probe}
	for _, t := range tasks {
		if err := work.Tasks.Put(ctx, t); err != nil {
			return nil, err
		}
	}
	var started []*processes.Process[int]
	var errs []error
	for range workers {
		p := processes.New(drain, work)
		if err := p.Start(ctx); err != nil {
			errs = append(errs, err)
			break
		}
		started = append(started, p)
	}
	for _, p := range started { // every started process is waited for
		if _, err := p.Wait(ctx); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.Name(), err))
		}
	}
	var results []string
	for {
		r, err := work.Results.TryGet()
		if errors.Is(err, processes.ErrEmpty) {
			break
		}
		if err != nil {
			return results, err
		}
		results = append(results, r)
	}
	return results, errors.Join(errs...)
}
