package solutions

import (
	"context"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
)

// RunAll is the answer to exercise 3: start all, then wait for all, each
// result and error kept at its job's index, whatever the others did.
func RunAll(ctx context.Context, job *processes.Func[check.Job, int], jobs []check.Job) ([]int, []error) {
	results := make([]int, len(jobs))
	errs := make([]error, len(jobs))
	started := make([]*processes.Process[int], len(jobs))
	for i, j := range jobs {
		p := processes.New(job, j)
		if err := p.Start(ctx); err != nil {
			errs[i] = err
			continue
		}
		started[i] = p
	}
	for i, p := range started {
		if p != nil {
			results[i], errs[i] = p.Wait(ctx)
		}
	}
	return results, errs
}
