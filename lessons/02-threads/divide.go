package threads

import (
	"cmp"
	"slices"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
)

// Unit is how long one unit of work lasts in the examples. The syllabus'
// tasks sleep 1 to 4 seconds; at a tenth of that its examples run in about
// a second each, and the proportions stay the same.
const Unit = 100 * time.Millisecond

// Work is the syllabus' list of tasks, each a number of units of sleep.
var Work = []int{1, 2, 3, 4}

// LongestFirst returns a copy of tasks sorted longest first. Handing out the
// longest tasks first (the LPT rule) leaves the short ones to fill the gaps
// at the end. It is a rule of thumb, not a guarantee: no fast rule always
// finds the best split.
func LongestFirst(tasks []int) []int {
	sorted := slices.Clone(tasks)
	slices.SortStableFunc(sorted, func(a, b int) int { return cmp.Compare(b, a) })
	return sorted
}

// SplitMakespan is how many units a split takes (the divide-work
// example): the sum of its longest list, since the lists run side by side.
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

// QueueMakespan is how many units a shared queue (the work-queue example)
// takes for tasks on workers
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
