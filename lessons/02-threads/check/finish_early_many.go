package check

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// The round of many short tasks: a task index handed out twice shows only
// when two workers look for their next task at the same moment, and with
// tasks that return at once they look for one all the time.
const (
	manyTasks   = 2000
	manyWorkers = 4
	manyRounds  = 10 // a correct answer takes well under a millisecond a round
)

// checkFinishMany runs FinishEarly on every processor with many tasks of
// one unit, whose run returns at once, and fails if a task ran twice or
// never: workers that read the shared index in one locked section and
// advance it in another (or in none) take the same task when they look for
// one together. That is a race in the logic, not a data race: the race
// detector does not see it. On one processor the workers hardly ever
// interleave there; on two or more, a round of 2000 tasks shows it almost
// every time, and the check runs up to 10.
func checkFinishMany(c *exercise.C, impl FinishEarlyFunc) {
	units := make([]int, manyTasks)
	for i := range units {
		units[i] = 1
	}
	what := fmt.Sprintf("FinishEarly(ctx, %d tasks of 1 unit, %d, run)", manyTasks, manyWorkers)
	for range manyRounds {
		ran := make([]atomic.Int32, manyTasks)
		var bad atomic.Int32
		run := func(_ context.Context, task int) {
			if task < 0 || task >= manyTasks {
				bad.Add(1)
				return
			}
			ran[task].Add(1)
		}
		c.Call(what, "it waits for something that never comes: does every worker return when the queue is empty?",
			func() { impl(context.Background(), units, manyWorkers, run) })
		if bad.Load() > 0 {
			return // the cases before have said why
		}
		for task := range ran {
			if n := ran[task].Load(); n != 1 {
				c.Fail(exercise.Mistake{
					Expected: "every task run exactly once, " + what,
					Got:      fmt.Sprintf("task %d ran %d times", task, n),
					Likely:   twiceLikely,
				})
			}
		}
	}
}

// twiceLikely is the likely mistake when a task ran twice, or never.
const twiceLikely = "run each index of units once: put every index in the queue once, and let each worker take the next one. " +
	"Workers that share an index (next) take the same task when they read it in one locked section and advance it in " +
	"another (or after run, or without a lock): read and advance it in one, or hand the tasks out through a channel"
