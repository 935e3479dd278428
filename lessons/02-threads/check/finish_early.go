package check

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// FinishEarlyFunc is the signature of exercise 3.
type FinishEarlyFunc func(ctx context.Context, units []int, workers int, run func(ctx context.Context, task int))

// FinishEarly is exercise 3: a scheduler that runs tasks of known lengths
// on a fixed number of workers so that the last one finishes as early as
// it can.
var FinishEarly = exercise.Exercise[FinishEarlyFunc]{
	Info: exercise.Info{
		Name:    "FinishEarly",
		File:    "lessons/02-threads/exercises/finish_early.go",
		Section: readme + "#exercise-3-finish-as-early-as-you-can",
		Hint: "sort the task indexes longest first, put them in a channel and close it, start workers goroutines " +
			"that each range over the channel and call run, then wg.Wait()",
		Race: "the workers share an index into the tasks, or a count, with nothing ordering them: hand the tasks out " +
			"through a channel that every worker ranges over, and let wg.Wait() tell you they are done",
	},
	Check: checkFinishEarly,
}

// The cases: tasks out of order first, so that a queue sorted shortest
// first and one in the order given start the tasks in different orders;
// then the syllabus' tasks, and two where the order of a shared queue
// matters even more.
var finishCases = []struct {
	units   []int
	workers int
}{
	{[]int{3, 1, 2, 4}, 2},
	{[]int{1, 2, 3, 4}, 2},
	{[]int{1, 1, 1, 1, 4}, 2},
	{[]int{3, 1, 2, 4, 1, 5}, 3},
	{[]int{2}, 4},
	{nil, 2},
}

// The check keeps a clock of its own, in units of work: a task's run call
// returns when the clock reaches its end, and the clock only moves on once
// every worker is busy (or there are no more tasks to start). A scheduler
// that keeps its workers busy with the right tasks finishes early on that
// clock, however slow or fast this machine is.
func checkFinishEarly(c *exercise.C, impl FinishEarlyFunc) {
	for _, tc := range finishCases {
		checkFinishCase(c, impl, tc.units, tc.workers)
	}
	checkFinishMany(c, impl)
}

func checkFinishCase(c *exercise.C, impl FinishEarlyFunc, units []int, workers int) {
	what := fmt.Sprintf("FinishEarly(ctx, %v, %d, run)", units, workers)
	g := exercise.NewGate(c, workers, len(units))
	var (
		returned atomic.Bool
		late     atomic.Int32
		bad      atomic.Int32 // calls for a task that does not exist
	)
	ran := make([]atomic.Int32, len(units))
	startedAt := make([]atomic.Int32, len(units)) // on the check's clock
	run := func(ctx context.Context, task int) {
		if returned.Load() {
			late.Add(1)
		}
		if task < 0 || task >= len(units) {
			bad.Add(1)
			return
		}
		ran[task].Add(1)
		h := g.Enter(task, units[task])
		startedAt[task].Store(int32(h.Start()))
		defer g.Leave(h)
		select {
		case <-h.Released():
		case <-ctx.Done():
		}
	}

	snap := c.Snapshot()
	d := g.Drive(exercise.EarliestEnd)
	defer d.Finish()
	var inFlight int
	c.OnOneProcessor(func() { // goroutines start once the caller blocks: a Wait before their wg.Add shows
		c.Call(what, "it waits for something that never comes: does every worker return when the queue is empty (close the channel)?",
			func() {
				impl(context.Background(), slices.Clone(units), workers, run)
				returned.Store(true)
			})
		inFlight = g.Stats().InFlight
	})
	stalled := d.Finish()
	peak := g.Stats().Peak

	returnedEarly := exercise.Mistake{
		Expected: what + " to return when every task has finished",
		Got:      "it returned while tasks were still running, or before they had started",
		Likely: "nothing waited for the workers: there is no wg.Wait() before the return, or wg.Add(1) runs inside the " +
			"worker, where it can come after Wait has already returned. Call wg.Add(1) before the go statement, or use wg.Go",
	}
	if inFlight > 0 {
		c.Fail(returnedEarly)
	}
	c.NoGoroutinesLeft(snap, "FinishEarly", "a worker is still waiting for a task: close the queue once every task is in it")
	if late.Load() > 0 {
		c.Fail(returnedEarly)
	}
	for task := range units {
		if n := ran[task].Load(); n != 1 {
			c.Fail(exercise.Mistake{
				Expected: "every task run exactly once",
				Got:      fmt.Sprintf("task %d (%s) ran %d times", task, unitsOf(units[task]), n),
				Likely:   twiceLikely,
			})
		}
	}
	if bad.Load() > 0 {
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("run called with task indexes 0 to %d", len(units)-1),
			Got:      "it was called with an index outside units",
			Likely:   "pass run the task's index in units, not its length",
		})
	}
	want := min(workers, len(units))
	switch {
	case peak > workers:
		likely := "a goroutine per task: start exactly workers goroutines, each taking tasks from a shared queue"
		if peak == workers+1 {
			likely = "more goroutines than workers run tasks: a goroutine per task, or a loop that starts one too many " +
				"(for w := 0; w <= workers; w++): start exactly workers goroutines, each taking tasks from a shared queue"
		}
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("at most %d tasks running at once, one per worker", workers),
			Got:      fmt.Sprintf("%d at once", peak),
			Likely:   likely,
		})
	case stalled && peak <= 1 && want > 1:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d tasks running at once, one per worker", want),
			Got:      "one at a time: with one task running, it started no other",
			Likely:   "the tasks run one after the other: start workers goroutines before waiting",
		})
	case stalled && peak < want:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d tasks running at once", want),
			Got:      fmt.Sprintf("at most %d at once, with tasks waiting to start", peak),
			Likely:   "fewer workers than allowed: start workers goroutines",
		})
	case stalled:
		c.Fail(exercise.Mistake{
			Expected: "no worker idle while a task is still waiting to start",
			Got:      "a worker sat idle while tasks were waiting to start",
			Likely: "the tasks were divided before they started, a list per worker: a worker that is done cannot help the others. " +
				"Share one queue, so that a free worker takes the next task (workers that share an index, next, with nothing " +
				"ordering them stop early too: one reads it past the end while tasks remain)",
		})
	}

	finished := g.Stats().Finished
	best := threads.QueueMakespan(threads.LongestFirst(units), workers)
	if finished > best {
		starts := make([]int, len(units))
		for task := range units {
			starts[task] = int(startedAt[task].Load())
		}
		got, likely := diagnoseOrder(units, workers, starts)
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("the last task to finish at %d units (a shared queue, longest task first)", best),
			Got:      fmt.Sprintf("it finished at %d units: %s", finished, got),
			Likely:   likely,
		})
	}
}

// diagnoseOrder says, from the time on the check's clock at which each task
// started, why a schedule that kept its workers busy finished late. With one
// shared queue sorted longest first, no task starts before a longer one.
// The finishing time alone does not tell the mistakes apart (two of them
// can finish at the same time), the order of the starts does.
func diagnoseOrder(units []int, workers int, starts []int) (got, likely string) {
	short, long, ok := shorterFirst(units, starts)
	if !ok {
		return "the tasks started longest first, yet the last one finished late",
			"divided by hand before the start: let free workers take the next task from one shared queue, longest first"
	}
	got = fmt.Sprintf("task %d (%s) started at %d, while task %d (%s) waited until %d",
		short, unitsOf(units[short]), starts[short], long, unitsOf(units[long]), starts[long])
	inGivenOrder := true
	for i := 1; i < len(units); i++ {
		inGivenOrder = inGivenOrder && starts[i-1] <= starts[i]
	}
	shortestFirst := true // no task started after a longer one
	for a := range units {
		for b := range units {
			shortestFirst = shortestFirst && !(units[a] < units[b] && starts[a] > starts[b])
		}
	}
	switch {
	case inGivenOrder && shortestFirst:
		return got + "; the tasks started in the order given, which is shortest first",
			"the queue hands out the short tasks first (the tasks as given, or sorted shortest first): a long task taken " +
				"last finishes late. Sort the queue longest first"
	case shortestFirst:
		return got + "; the tasks started shortest first",
			"the queue is sorted shortest first: the long tasks start last and finish late. Sort it longest first " +
				"(cmp.Compare(units[b], units[a]))"
	case inGivenOrder:
		return got + "; the tasks started in the order given",
			"the tasks were taken in the order given: a long task taken last finishes late. Sort the queue longest first " +
				"(if you did sort, you sorted the lengths and queued their places in the sorted copy, 0, 1, 2…, which are the tasks " +
				"in the order given: sort the task indexes by their length, and queue those)"
	}
	// If the first round, at time 0, started the longest tasks, they were
	// sorted; a shorter task starting before a longer one later on then
	// means that the rest was not handed out from one queue in that order.
	byLength := slices.Clone(units)
	slices.SortFunc(byLength, func(a, b int) int { return b - a })
	firstRound := min(workers, len(units))
	longestStartedFirst := true
	for task, u := range units {
		if starts[task] > 0 && u > byLength[firstRound-1] {
			longestStartedFirst = false // a task longer than all of the first round waited
		}
	}
	if longestStartedFirst {
		return got + "; the longest tasks started first",
			"the tasks were sorted longest first, then divided before the start, a list per worker (dealt out in turn): " +
				"a worker that is free takes the next task of its own list, not the longest task still waiting, which may be in another's. " +
				"Keep one shared queue, sorted longest first, from which every free worker takes the next task"
	}
	return got, "the tasks did not start longest first: they were divided before the start, a list per worker, or the shared queue " +
		"is in another order. Put every task in one shared queue, sorted longest first, and let each free worker take the next"
}

// shorterFirst finds a task that started before a longer one: the first
// such start on the clock, and the longest task it went ahead of.
func shorterFirst(units, starts []int) (short, long int, ok bool) {
	short, long = -1, -1
	for a := range units {
		for b := range units {
			if units[a] >= units[b] || starts[a] >= starts[b] {
				continue
			}
			better := short < 0 || starts[a] < starts[short] ||
				(starts[a] == starts[short] && (units[b] > units[long] || (units[b] == units[long] && b < long)))
			if better {
				short, long = a, b
			}
		}
	}
	return short, long, short >= 0
}

func unitsOf(n int) string {
	if n == 1 {
		return "1 unit"
	}
	return fmt.Sprintf("%d units", n)
}
