package check

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Item is one input of exercise 1: a number, and the check's probe.
type Item struct {
	N     int
	Probe Probe
}

// Work is the function exercise 1 runs on each item, in a child process,
// on one of the child's goroutines: it reports to the check that it has
// started, waits until the check lets it go, and returns N*N.
func Work(ctx context.Context, it Item) (int, error) {
	if err := it.Probe.enter(ctx); err != nil {
		return 0, err
	}
	defer it.Probe.leave(ctx)
	return it.N * it.N, nil
}

// Batch is what one child runs in exercise 1: its items, and how many
// goroutines may run them at once.
type Batch struct {
	Items      []Item
	Goroutines int
}

// SplitAnswer is exercise 1's answer: RunBatch, which runs in each child,
// and Split, which divides the items among the children.
type SplitAnswer struct {
	RunBatch func(ctx context.Context, b Batch) ([]int, error)
	Split    func(ctx context.Context, items []Item, procs, goroutines int) ([]int, error)
}

// Split is exercise 1: split items across procs child processes, each
// running its batch on goroutines goroutines, and bring every result back
// in the order of the items.
var Split = exercise.Exercise[SplitAnswer]{
	Info: exercise.Info{
		Name:    "Split",
		File:    "lessons/04-mixing/exercises/split.go",
		Section: readme + "#exercise-1-processes--goroutines-every-result-in-order",
		Hint: "RunBatch: a slice of len(b.Items) results, b.Goroutines goroutines taking item indexes from a channel, " +
			"each storing Work's result at its index, then wg.Wait(). Split: cut items into procs contiguous batches, " +
			"processes.New(runBatch, batch) and Start for each, then Wait for each in order and append",
	},
	Check: checkSplit,
}

func checkSplit(c *exercise.C, impl SplitAnswer) {
	// The stub's RunBatch is tried here first, on nothing: a TODO left in it
	// is "not attempted", where a child would only report a panic.
	c.Call("RunBatch(ctx, an empty batch)", "it never returns on a batch with no items: does it wait for results nobody sends?",
		func() { _, _ = impl.RunBatch(context.Background(), Batch{Goroutines: 2}) })

	const procs, goroutines = 2, 3
	w, probes := newWatch(11, procs*goroutines, true) // 11: a split that drops the remainder loses one
	items := make([]Item, len(probes))
	want := make([]int, len(probes))
	for i := range items {
		items[i] = Item{N: i + 1, Probe: probes[i]}
		want[i] = (i + 1) * (i + 1)
	}
	before := c.ProcessSnapshot()
	snap := c.Snapshot()
	w.start(c.Patience())
	defer w.stop()
	var (
		got []int
		err error
	)
	c.Call("Split(ctx, 11 items, 2, 3)", "it never returns: is it waiting for a process it never started, or for goroutines that never end?",
		func() { got, err = impl.Split(context.Background(), slices.Clone(items), procs, goroutines) })
	w.stop()
	c.NoProcessesLeft(before.Left(), "Split", neverWaited)
	c.NoGoroutinesLeft(snap, "Split", "a goroutine started to wait for a process is still running: wait for it before returning")

	if err != nil {
		c.Fail(exercise.Mistake{Expected: "Split to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "read the error: it says which step failed (a panic in RunBatch reaches you as a *processes.PanicError)"})
	}
	pids := w.pids()
	switch {
	case len(w.arrivals) == 0:
		c.Fail(exercise.Mistake{Expected: "check.Work called on every item, in child processes",
			Got: "Work never ran", Likely: "RunBatch must call check.Work(ctx, item) for each of its items"})
	case slices.Contains(pids, os.Getpid()):
		c.Fail(exercise.Mistake{Expected: "the items run in child processes", Got: "Work ran in this process",
			Likely: "Split calls RunBatch itself: start it in children with processes.New(runBatch, batch) and Start"})
	case len(pids) > procs:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%d child processes", procs), Got: fmt.Sprintf("%d processes ran items", len(pids)),
			Likely: "a process per item (or per goroutine): start one process per batch, procs of them, and let goroutines inside do the items"})
	case len(pids) < procs:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%d child processes", procs), Got: fmt.Sprintf("only %d ran items", len(pids)),
			Likely: "split the items into procs batches, one per process"})
	case maxOf(w.peakPer) > goroutines:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("at most %d items at once in a child", goroutines),
			Got:    fmt.Sprintf("%d ran at once in one child", maxOf(w.peakPer)),
			Likely: "a goroutine per item: start b.Goroutines goroutines and let them take the items in turn"})
	case w.broken && maxOf(w.peakPer) < goroutines:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%d items at once in each child", goroutines),
			Got: fmt.Sprintf("at most %d at once in a child (waited %v)", maxOf(w.peakPer), c.Patience()),
			Likely: "the goroutines inside a child run one after the other (or there are none): start them all, then wg.Wait(); " +
				"do not wait for each one right after starting it"})
	case w.broken:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("both children running at once (%d items at once)", procs*goroutines),
			Got:    fmt.Sprintf("at most %d child(ren) at once (waited %v)", w.peakPIDs, c.Patience()),
			Likely: "each process is waited for before the next one starts: start them all, then wait for them all"})
	}
	for i := range items {
		if w.calls[i] != 1 {
			c.Fail(exercise.Mistake{Expected: "Work called once on each item", Got: fmt.Sprintf("item %d: %d calls", i, w.calls[i]),
				Likely: "an item was skipped or run twice: check how the batches are cut and how the goroutines take items"})
		}
	}
	switch {
	case slices.Equal(got, want):
	case len(got) == 0 || slices.Max(append(slices.Clone(got), 0)) == 0:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("the results %v", want), Got: fmt.Sprint(got),
			Likely: "the results were thrown away, as the Python program's are: RunBatch must return Work's results, and Split must collect them"})
	case exercise.IsPermutation(got, want):
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("the results in the order of the items: %v", want), Got: fmt.Sprint(got),
			Likely: "results gathered in the order they finished: store each at its item's index (in RunBatch), and append the batches in order (in Split)"})
	default:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("the results %v", want), Got: fmt.Sprint(got),
			Likely: "results were lost or mixed up: one result per item, at its index"})
	}
}

func maxOf(m map[int]int) int {
	n := 0
	for _, v := range m {
		n = max(n, v)
	}
	return n
}
