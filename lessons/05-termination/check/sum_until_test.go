package check_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/05-termination/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// sumAll starts every part with ctx and waits for each with waitCtx(ctx),
// returning the sums and how many finished.
func sumAll(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part,
	waitCtx func(context.Context) context.Context) ([]check.Sum, int, error) {
	ps, err := startAll(ctx, sum, parts)
	if err != nil {
		waitAll(ps)
		return nil, 0, err
	}
	sums := make([]check.Sum, len(parts))
	done := 0
	for i, p := range ps {
		sums[i], _ = p.Wait(waitCtx(ctx))
		if sums[i].Done {
			done++
		}
	}
	return sums, done, nil
}

func withoutCancel(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }

func TestSumUntilRejectsWaitingWithTheEndedContext(t *testing.T) {
	var left []*processes.Process[check.Sum]
	waitsWithCtx := func(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
		ps, err := startAll(ctx, sum, parts)
		left = append(left, ps...)
		if err != nil {
			return nil, err
		}
		sums := make([]check.Sum, len(parts))
		done := 0
		for i, p := range ps {
			sums[i], _ = p.Wait(ctx) // returns at once once the deadline has passed
			if sums[i].Done {
				done++
			}
		}
		if err := ctx.Err(); err != nil {
			return sums, fmt.Errorf("%d of %d parts finished: %w", done, len(parts), err)
		}
		return sums, nil
	}
	r := check.SumUntil.Run(waitsWithCtx, roomy)
	waitAll(left)
	exercise.Rejected(t, r, "was lost", "Wait for every process")
}

func TestSumUntilRejectsNoError(t *testing.T) {
	noError := func(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
		sums, _, err := sumAll(ctx, sum, parts, withoutCancel)
		return sums, err
	}
	exercise.Rejected(t, check.SumUntil.Run(noError, roomy), "return an error that wraps it")
}

func TestSumUntilRejectsAnErrorThatDoesNotWrap(t *testing.T) {
	flat := func(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
		sums, done, err := sumAll(ctx, sum, parts, withoutCancel)
		if err == nil && ctx.Err() != nil {
			err = errors.New(fmt.Sprintf("%d of %d parts finished: %v", done, len(parts), ctx.Err()))
		}
		return sums, err
	}
	exercise.Rejected(t, check.SumUntil.Run(flat, roomy), "wrap ctx.Err() with %w")
}

func TestSumUntilRejectsAnErrorThatDoesNotCount(t *testing.T) {
	uncounted := func(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
		sums, _, err := sumAll(ctx, sum, parts, withoutCancel)
		if err == nil && ctx.Err() != nil {
			err = fmt.Errorf("sum until the deadline: %w", ctx.Err())
		}
		return sums, err
	}
	exercise.Rejected(t, check.SumUntil.Run(uncounted, roomy), "count the sums that are Done")
}

func TestSumUntilRejectsAnErrorWithoutADeadline(t *testing.T) {
	always := func(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
		sums, done, err := sumAll(ctx, sum, parts, withoutCancel)
		if err == nil {
			err = fmt.Errorf("%d of %d parts finished: %w", done, len(parts), context.Cause(ctx))
		}
		return sums, err
	}
	exercise.Rejected(t, check.SumUntil.Run(always, roomy), "return an error only if ctx ended")
}

func TestSumUntilRejectsDroppingThePartialSums(t *testing.T) {
	drops := func(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
		sums, done, err := sumAll(ctx, sum, parts, withoutCancel)
		var kept []check.Sum
		for _, s := range sums {
			if s.Done {
				kept = append(kept, s)
			}
		}
		if err == nil && ctx.Err() != nil {
			err = fmt.Errorf("%d of %d parts finished: %w", done, len(parts), ctx.Err())
		}
		return kept, err
	}
	exercise.Rejected(t, check.SumUntil.Run(drops, roomy), "the partial sums were dropped")
}

func TestSumUntilRejectsKillingAtTheDeadline(t *testing.T) {
	kills := func(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
		ps, err := startAll(context.WithoutCancel(ctx), sum, parts)
		if err != nil {
			waitAll(ps)
			return nil, err
		}
		stop := context.AfterFunc(ctx, func() {
			for _, p := range ps {
				_ = p.Kill()
			}
		})
		defer stop()
		sums := make([]check.Sum, len(parts))
		done := 0
		for i, p := range ps {
			sums[i], _ = p.Wait(context.Background())
			if sums[i].Done {
				done++
			}
		}
		if ctx.Err() != nil {
			return sums, fmt.Errorf("%d of %d parts finished: %w", done, len(parts), ctx.Err())
		}
		return sums, nil
	}
	exercise.Rejected(t, check.SumUntil.Run(kills, roomy), "do not kill them")
}

func TestSumUntilRejectsOnePartAfterTheOther(t *testing.T) {
	oneByOne := func(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
		sums := make([]check.Sum, len(parts))
		done := 0
		for i, part := range parts {
			p := processes.New(sum, part)
			if err := p.Start(ctx); err != nil {
				return sums, err
			}
			sums[i], _ = p.Wait(context.WithoutCancel(ctx))
			if sums[i].Done {
				done++
			}
		}
		if ctx.Err() != nil {
			return sums, fmt.Errorf("%d of %d parts finished: %w", done, len(parts), ctx.Err())
		}
		return sums, nil
	}
	exercise.Rejected(t, check.SumUntil.Run(oneByOne, quick, roomy), "one after the other")
}

// A wait with a time limit after the deadline: a part that takes longer to
// hand back its sum is given up on, and left running. The check holds the
// parts the deadline stopped for a second, so any shorter limit shows.
func TestSumUntilRejectsWaitingWithATimeLimit(t *testing.T) {
	limited := func(ctx context.Context, sum *processes.Func[check.Part, check.Sum], parts []check.Part) ([]check.Sum, error) {
		ps, err := startAll(ctx, sum, parts)
		if err != nil {
			return nil, err
		}
		sums := make([]check.Sum, len(parts))
		done := 0
		for i, p := range ps {
			wait, cancel := context.WithTimeout(context.WithoutCancel(ctx), 50*time.Millisecond)
			sums[i], _ = p.Wait(wait) // 50 ms, and that part is given up on
			cancel()
			if sums[i].Done {
				done++
			}
		}
		if err := ctx.Err(); err != nil {
			return sums, fmt.Errorf("%d of %d parts finished: %w", done, len(parts), err)
		}
		return sums, nil
	}
	exercise.Rejected(t, check.SumUntil.Run(limited, roomy), "a Wait with a time limit gives up on it")
}
