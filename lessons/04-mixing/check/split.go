package check

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Item is one input of exercise 1: a number, and the check's probe.
type Item struct {
	N     int
	Probe Probe
	Fail  bool // Work fails on it at once (one of the check's rounds)
}

// itemFailed ends the error of Work on an item that fails.
const itemFailed = "Work failed, as the check asked"

// Work is the function exercise 1 runs on each item, in a child process,
// on one of the child's goroutines: it reports to the check that it has
// started, waits until the check lets it go, and returns N*N.
func Work(ctx context.Context, it Item) (int, error) {
	if it.Fail {
		it.Probe.report(ctx)
		return 0, fmt.Errorf("item %d: %s", it.N, itemFailed)
	}
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
		Name: "Split",
		// Results gathered from goroutines (in this process, or in a
		// child: the race detector stops a child at its first race).
		RaceSensitive: true,
		File:          "lessons/04-mixing/exercises/split.go",
		Section:       readme + "#exercise-1-processes--goroutines-every-result-in-order",
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
	life := c.WatchChildren(true)
	defer life.Stop()
	w.start(c.Patience())
	defer w.stop()
	var (
		got []int
		err error
	)
	c.Call("Split(ctx, 11 items, 2, 3)", "it never returns: is it waiting for a process it never started, or for goroutines that never end?",
		func() { got, err = impl.Split(context.Background(), slices.Clone(items), procs, goroutines) })
	w.stop()
	life.NotWaited(before, "Split", "")
	life.Stop()
	c.NoProcessesLeft(before.Left(), "Split", neverWaited)
	c.NoGoroutinesLeft(snap, "Split", "a goroutine started to wait for a process is still running: wait for it before returning")

	switch {
	case err != nil && strings.Contains(err.Error(), "WARNING: DATA RACE"):
		c.Fail(exercise.Mistake{Expected: "Split to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "a data race in RunBatch, inside the child (the race detector stopped the child there): its goroutines " +
				"read and write one variable with nothing ordering them, such as the index of the next item or a slice they append to; " +
				"hand the indexes out on a channel, and let each goroutine store its result at its item's index"})
	case err != nil:
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
	splitWithAFailure(c, impl)
}

// splitWithAFailure splits three items across three processes, one
// goroutine each; Work fails at once on the second item, and the check
// holds the others (see afterAFailure). Split must wait for every child,
// or kill and then wait for them, and return Work's error.
func splitWithAFailure(c *exercise.C, impl SplitAnswer) {
	w, probes := newWatch(3, 4, false)
	items := make([]Item, len(probes))
	for i := range items {
		items[i] = Item{N: i + 1, Probe: probes[i], Fail: i == 1}
	}
	var err error
	failureRound(c, w, "Split", "Split(ctx, 3 items, 3, 1) where Work fails on item 2", "the child of item 2",
		func() { _, err = impl.Split(context.Background(), slices.Clone(items), 3, 1) })
	byPID := map[int][]int{}
	for _, a := range w.arrivals {
		byPID[a.PID] = append(byPID[a.PID], a.Index)
	}
	if len(byPID) != len(items) {
		var batches [][]int
		for _, b := range byPID {
			batches = append(batches, b)
		}
		c.Fail(exercise.Mistake{Expected: "3 items across 3 processes, one each: batches whose sizes differ by one at most, none empty",
			Got: fmt.Sprintf("the items ran in %d processes: %v", len(byPID), batches),
			Likely: "the batch size rounded up (len(items)/procs + 1, as the Python program's) leaves the last batches short or empty: " +
				"give each batch len(items)/procs items, and one more to the first len(items)%procs"})
	}
	switch {
	case err == nil:
		c.Fail(exercise.Mistake{Expected: "Work's error on item 2", Got: "Split returned no error",
			Likely: "an error was dropped: RunBatch must return Work's error, and Split the error of each Wait (the first, or errors.Join of them all)"})
	case !strings.Contains(err.Error(), "item 2: "+itemFailed):
		c.Fail(exercise.Mistake{Expected: "Work's error on item 2 (item 2: " + itemFailed + ")", Got: "the error: " + err.Error(),
			Likely: "the error of the child that failed was lost: keep the error of each Wait"})
	}
}

func maxOf(m map[int]int) int {
	n := 0
	for _, v := range m {
		n = max(n, v)
	}
	return n
}
