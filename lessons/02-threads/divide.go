package threads

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

// Unit is how long one unit of work lasts in the examples. The syllabus'
// tasks sleep 1 to 4 seconds; at a tenth of that its examples run in about
// a second each, and the proportions stay the same.
const Unit = 100 * time.Millisecond

// Work is the syllabus' list of tasks, each a number of units of sleep.
var Work = []int{1, 2, 3, 4}

// RunSplit runs a split of the tasks made by hand, as the Python notebook
// gives each thread its own list: worker w, a goroutine, runs the tasks of
// split[w] one after the other, and all the workers run at the same time.
// A task of u units sleeps u × unit. Each task is a span in tl, in lane
// "worker-1", "worker-2", … and labelled with its units. RunSplit returns
// when every worker has finished, or early with ctx.Err() if ctx is
// cancelled.
func RunSplit(ctx context.Context, split [][]int, unit time.Duration, tl *timeline.Timeline) error {
	var wg sync.WaitGroup
	errs := make([]error, len(split)) // each worker writes only its own element
	for w, tasks := range split {
		lane := fmt.Sprintf("worker-%d", w+1)
		wg.Go(func() {
			for _, units := range tasks {
				end := tl.Begin(lane, strconv.Itoa(units))
				if err := overview.Sleep(ctx, time.Duration(units)*unit); err != nil {
					errs[w] = fmt.Errorf("%s: %w", lane, err)
					return
				}
				end()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// span is one task a worker ran, for RunQueue's timeline.
type span struct {
	task       int // index in the queue
	start, end time.Time
}

// RunQueue runs the tasks on workers goroutines that share one queue, a
// channel filled with every task and closed: a worker that is free takes the
// next task, so no worker sits idle while a task waits. The order of the
// queue still matters; give it LongestFirst(tasks) to finish as early as
// the best split does. Spans go to tl as in RunSplit, the lanes numbered in
// the order the workers took their first task.
func RunQueue(ctx context.Context, tasks []int, workers int, unit time.Duration, tl *timeline.Timeline) error {
	if workers < 1 {
		return fmt.Errorf("run queue: %d workers: need at least 1", workers)
	}
	queue := make(chan int, len(tasks))
	for i := range tasks {
		queue <- i
	}
	close(queue) // the sender closes: the workers' range loops end when it is empty

	var wg sync.WaitGroup
	ran := make([][]span, workers) // each worker writes only its own element
	errs := make([]error, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range queue {
				start := time.Now()
				if err := overview.Sleep(ctx, time.Duration(tasks[i])*unit); err != nil {
					errs[w] = fmt.Errorf("task %d: %w", i, err)
					return
				}
				ran[w] = append(ran[w], span{task: i, start: start, end: time.Now()})
			}
		})
	}
	wg.Wait()

	// Number the lanes by the first task each worker took: which goroutine
	// happens to take the first task is up to the scheduler.
	slices.SortStableFunc(ran, func(a, b []span) int {
		if len(a) == 0 || len(b) == 0 {
			return cmp.Compare(len(b), len(a))
		}
		return cmp.Compare(a[0].task, b[0].task)
	})
	for w, spans := range ran {
		for _, s := range spans {
			tl.Add(fmt.Sprintf("worker-%d", w+1), strconv.Itoa(tasks[s.task]), s.start, s.end)
		}
	}
	return errors.Join(errs...)
}

// LongestFirst returns a copy of tasks sorted longest first. Handing out the
// longest tasks first (the LPT rule) leaves the short ones to fill the gaps
// at the end. It is a rule of thumb, not a guarantee: no fast rule always
// finds the best split.
func LongestFirst(tasks []int) []int {
	sorted := slices.Clone(tasks)
	slices.SortStableFunc(sorted, func(a, b int) int { return cmp.Compare(b, a) })
	return sorted
}

// SplitMakespan is how many units RunSplit takes for split: the sum of its
// longest list, since the lists run side by side.
func SplitMakespan(split [][]int) int {
	longest := 0
	for _, tasks := range split {
		sum := 0
		for _, u := range tasks {
			sum += u
		}
		longest = max(longest, sum)
	}
	return longest
}

// QueueMakespan is how many units RunQueue takes for tasks on workers
// workers, worked out without running anything: each task in turn goes to
// the worker that is free first.
func QueueMakespan(tasks []int, workers int) int {
	if workers < 1 {
		return 0
	}
	free := make([]int, workers) // when each worker is next free
	for _, u := range tasks {
		w := slices.Index(free, slices.Min(free))
		free[w] += u
	}
	return slices.Max(free)
}

// UnitChart draws tl as a chart with every span rounded to the nearest
// unit, so that it shows the schedule rather than the few milliseconds by
// which a timer fires late on a busy machine.
func UnitChart(tl *timeline.Timeline, unit time.Duration) string {
	spans := tl.Spans()
	for i := range spans {
		spans[i].Start = spans[i].Start.Round(unit)
		spans[i].End = spans[i].End.Round(unit)
	}
	return timeline.Draw(tl.Lanes(), spans, timeline.DefaultWidth)
}
