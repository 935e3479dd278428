package solutions

import (
	"context"
	"errors"
	"fmt"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/05-termination/check"
)

// SumUntil is the answer to exercise 4: the processes are started with ctx,
// so its deadline reaches their functions, and waited for without it, so
// that their partial sums come back; the error wraps ctx's and counts.
func SumUntil(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
	started := make([]*processes.Process[check.Sum], 0, len(parts))
	var errs []error
	for _, part := range parts {
		p := processes.New(sum, part)
		if err := p.Start(ctx); err != nil {
			errs = append(errs, err)
			break
		}
		started = append(started, p)
	}
	sums := make([]check.Sum, len(parts))
	done := 0
	for i, p := range started {
		s, err := p.Wait(context.WithoutCancel(ctx))
		errs = append(errs, err)
		sums[i] = s
		if s.Done {
			done++
		}
	}
	if err := ctx.Err(); err != nil && done < len(parts) {
		errs = append(errs, fmt.Errorf("sum until the deadline: %d of %d parts finished: %w", done, len(parts), err))
	}
	return sums, errors.Join(errs...)
}
