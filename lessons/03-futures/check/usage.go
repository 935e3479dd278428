package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// errNoStage is Job's error when its context is not the check's.
var errNoStage = errors.New("check03.Job: this task's context is not the one the check gave: " +
	"pass the ctx you were given to futures.Submit")

// unstaged counts the calls of Job whose context was not the check's.
var unstaged atomic.Int64

// foreignWorkers names the workers, not the check's executor's, that ran
// calls.
func (s *stage) foreignWorkers() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Compact(slices.Sorted(slices.Values(s.foreign)))
}

// usage checks that the exercise ran the jobs, with the check's context,
// on the executor it was given: what every later diagnosis assumes.
func (s *stage) usage(c *exercise.C, name string, unstagedBefore int64) {
	if n := unstaged.Load() - unstagedBefore; n > 0 && s.gauge.Total() == 0 {
		c.Fail(exercise.Mistake{
			Expected: "the jobs to run with the ctx " + name + " was given (the check's tasks find what they need in it)",
			Got:      plural(n, "call") + " of job ran with another context",
			Likely:   "a context.Background() (or context.TODO()) where ctx belongs: pass ctx to futures.Submit",
		})
	}
	if s.gauge.Total() == 0 {
		c.Fail(exercise.Mistake{
			Expected: "each job run by job, on the executor " + name + " was given",
			Got:      "job was never called",
			Likely:   "submit every job: futures.Submit(ctx, ex, job, jobs[i])",
		})
	}
	if w := s.foreignWorkers(); len(w) > 0 {
		c.Fail(exercise.Mistake{
			Expected: "every job run on the executor " + name + " was given (its workers are named " + s.workers + "_N)",
			Got:      "job ran on " + strings.Join(w, ", "),
			Likely: "the jobs ran elsewhere: on an executor of your own, or called directly. " +
				"Submit them to ex: futures.Submit(ctx, ex, job, jobs[i])",
		})
	}
}

// noop is a registered function that returns its argument: the checks
// submit it to find out whether the executor still takes tasks.
var noop = processes.Register("check03.noop", func(_ context.Context, n int) (int, error) { return n, nil })

// stillOpen fails the check if the exercise shut down the executor it was
// given.
func stillOpen(c *exercise.C, ex futures.Executor, name string) {
	f, err := futures.Submit(context.Background(), ex, noop, 0)
	if errors.Is(err, futures.ErrShutdown) {
		c.Fail(exercise.Mistake{
			Expected: "the executor " + name + " was given to take tasks after it returned: it is the caller's",
			Got:      "it had been shut down",
			Likely: "Shutdown (or Close) on the executor you were given shuts it down for everyone: " +
				"stop only your own tasks, with Stop on their futures",
		})
	}
	if err == nil {
		_, _ = f.Result(context.Background())
	}
}

// plural is "1 task" or "n tasks", with word in the place of "task".
func plural[N int | int64](n N, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
