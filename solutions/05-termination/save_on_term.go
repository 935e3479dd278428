package solutions

import (
	"context"
	"os/signal"
	"syscall"

	"github.com/gophertutor/concurrency/lessons/05-termination/check"
)

// SaveOnTerm is the answer to exercise 3: SIGTERM cancels the context
// before any work starts; each step is kept once done; when Do fails, the
// function returns what it kept, and its deferred calls run.
func SaveOnTerm(ctx context.Context, job check.Crunch) (check.Partial, error) {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()
	remove, err := job.MakeScratch()
	if err != nil {
		return check.Partial{}, err
	}
	defer remove()
	var p check.Partial
	for i := range job.Steps {
		if err := job.Do(ctx, i); err != nil {
			return p, nil // stopped: what was done is saved
		}
		p.Done = append(p.Done, i)
	}
	return p, nil
}
