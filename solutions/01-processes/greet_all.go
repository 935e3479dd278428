package solutions

import (
	"context"
	"errors"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/01-processes/check"
)

// GreetAll is the answer to exercise 4: one loop starts every process, a
// second waits for each in order.
func GreetAll(ctx context.Context, greet *processes.Func[check.City, string], cities []check.City) ([]string, error) {
	started := make([]*processes.Process[string], 0, len(cities))
	var errs []error
	for _, city := range cities {
		p := processes.New(greet, city)
		if err := p.Start(ctx); err != nil {
			errs = append(errs, err)
			break // the ones already started are still waited for below
		}
		started = append(started, p)
	}
	out := make([]string, len(cities))
	for i, p := range started {
		s, err := p.Wait(ctx)
		out[i] = s
		errs = append(errs, err)
	}
	return out, errors.Join(errs...)
}
