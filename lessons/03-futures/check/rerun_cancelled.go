package check

import (
	"context"
	"errors"
	"fmt"
	"slices"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// checkRerunCancelled calls Rerun with a context cancelled before the call:
// no job may run, and each job's error must say why (context.Canceled, or
// futures.ErrCancelled for a task cancelled before it ran). An
// answer that submits with a context of its own (context.Background())
// runs them all. The context's values do not reach a worker process, but
// its cancellation does: that is what the check looks at.
func checkRerunCancelled(c *exercise.C, impl RerunFunc) {
	runs := processes.NewQueue[Run](0)
	defer runs.Close()
	jobs := make([]Work, 3)
	for i := range jobs {
		jobs[i] = Work{N: i + 1, Runs: runs}
	}
	pools := &rerunPools{}
	defer pools.closeAll()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	what := fmt.Sprintf("Rerun(ctx, newPool, task, %d jobs) with ctx cancelled before the call", len(jobs))
	var errs []error
	c.Call(what, "it never returns when ctx is cancelled: does it re-run, for ever, jobs that fail with ctx's error?",
		func() { _, errs = impl(ctx, pools.newPool, Task, slices.Clone(jobs)) })
	pools.closeAll()
	ran := 0
	for {
		if _, err := runs.TryGet(); err != nil {
			break
		}
		ran++
	}
	if ran > 0 {
		c.Fail(exercise.Mistake{
			Expected: "no job run: ctx was cancelled before Rerun was called",
			Got:      plural(int64(ran), "job") + " ran",
			Likely: "the jobs are submitted with a context of their own (context.Background()), not the ctx Rerun was " +
				"given: pass ctx to futures.Submit and to Result, so that cancelling it stops the jobs",
		})
	}
	for i, err := range errs {
		if !errors.Is(err, context.Canceled) && !errors.Is(err, futures.ErrCancelled) {
			c.Fail(exercise.Mistake{
				Expected: "each job's error to say it was cancelled: ctx's context.Canceled, or futures.ErrCancelled (errors.Is finds them)",
				Got:      fmt.Sprintf("job %d's error: %v", i, err),
				Likely:   "keep the error Submit or Result gave for each job: a job that never ran has one too",
			})
		}
	}
	if len(errs) != len(jobs) {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d errors, one per job", len(jobs)),
			Got:      fmt.Sprintf("%d", len(errs)),
			Likely:   "make errs len(jobs) long and fill it by index",
		})
	}
}
