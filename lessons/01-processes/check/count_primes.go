package check

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gophertutor/concurrency/internal/children"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Range is the numbers from From up to, but not including, To, and the
// check's probe.
type Range struct {
	From, To int
	Probe    Probe
}

// PrimesIn counts the primes in [from, to) by trial division: CPU-bound
// work, the kind processes in Python are for.
func PrimesIn(from, to int) int {
	n := 0
	for v := max(from, 2); v < to; v++ {
		prime := true
		for d := 2; d*d <= v; d++ {
			if v%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			n++
		}
	}
	return n
}

// Count is the registered function exercise 1 maps over its ranges. A
// range that starts below zero is refused with an error.
var Count = processes.Register("check01.Count", func(ctx context.Context, r Range) (int, error) {
	if err := r.Probe.enter(ctx, r.From, r.To); err != nil {
		return 0, err
	}
	defer r.Probe.leave(ctx)
	if r.From < 0 {
		return 0, fmt.Errorf("no primes below zero: range [%d, %d)", r.From, r.To)
	}
	return PrimesIn(r.From, r.To), nil
})

// CountPrimesFunc is the signature of exercise 1.
type CountPrimesFunc func(ctx context.Context, count *processes.Func[Range, int], ranges []Range, workers int) ([]int, error)

// CountPrimes is exercise 1: count the primes in several ranges on a pool
// of worker processes, results in the order of the ranges, and close and
// join the pool.
var CountPrimes = exercise.Exercise[CountPrimesFunc]{
	Info: exercise.Info{
		Name: "CountPrimes",
		// One error variable that two goroutines set when two tasks fail at
		// once: either error comes back, so nothing but the race detector
		// can tell.
		RaceSensitive: true,
		File:          "lessons/01-processes/exercises/count_primes.go",
		Section:       readme + "#exercise-1-count-primes-on-a-pool",
		Hint: "processes.NewPool(workers), then processes.Map(ctx, pool, count, ranges): it keeps the order; " +
			"then pool.Close() and pool.Join(ctx), also when Map fails (defer them)",
		Race: "a variable written by goroutines (yours, or the pool's callback goroutine) and read or written elsewhere with " +
			"nothing ordering them: one error variable that two goroutines of yours set when two tasks fail, or what " +
			"ApplyAsync callbacks stored read before they had all run (a callback has run once its task's Get returns, " +
			"or once pool.Join does). processes.Map returns the counts in order, and one error, with none of that",
	},
	Check: checkCountPrimes,
}

// rangeStarts are the ranges' starts, in thousands, out of order: counts
// sorted either way are not the counts in the order of the ranges.
var rangeStarts = []int{15, 0, 25, 5, 20, 10}

func checkCountPrimes(c *exercise.C, impl CountPrimesFunc) {
	workers := notNumCPU(2)
	w, probes := newWatch(len(rangeStarts), workers, false, true)
	w.pins = newPins()
	ranges := make([]Range, len(probes))
	want := make([]int, len(probes))
	for i, from := range rangeStarts {
		ranges[i] = Range{From: from * 1000, To: (from + 5) * 1000, Probe: probes[i]}
		want[i] = PrimesIn(ranges[i].From, ranges[i].To)
	}
	before := c.ProcessSnapshot()
	w.start(c, before)
	defer w.stop()
	var (
		got []int
		err error
	)
	c.Call(fmt.Sprintf("CountPrimes(ctx, count, ranges, %d)", workers), "it never returns: is it waiting for a result that never comes (a WaitGroup or channel that expects "+
		"more results than there are ranges), or calling pool.Join from a callback, which Join waits for?",
		func() { got, err = impl(context.Background(), Count, slices.Clone(ranges), workers) })
	left := before.Left()    // while the check still holds the pool's workers
	held := w.pins.holding() // and the pool's readers of them, unless it was seen in Join
	waiting := stillIn(c, mapFrame, getFrame)
	w.stop()

	if err != nil {
		c.Fail(exercise.Mistake{Expected: "CountPrimes to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "read the error: it says which step failed"})
	}
	if waiting {
		c.Fail(exercise.Mistake{
			Expected: "CountPrimes to return once every range is counted",
			Got:      "it returned while goroutines it started still waited for the pool (in Map or AsyncResult.Get)",
			Likely: "goroutines of yours were never waited for: one processes.Map call needs none; if you start goroutines, " +
				"wait for them all (sync.WaitGroup: wg.Add(1) before the go statement, or wg.Go) before returning",
		})
	}
	poolLeftBehind(c, before, left, held, "")
	switch names := w.names(); {
	case len(w.arrivals) == 0 && !slices.Equal(got, want):
		c.Fail(exercise.Mistake{
			Expected: "the ranges counted by count, in worker processes",
			Got:      fmt.Sprintf("count never ran, and CountPrimes returned %v", got),
			Likely:   "no range was handed to the pool: give count and the ranges to processes.Map(ctx, pool, count, ranges)",
		})
	case len(w.arrivals) == 0 || w.ranInParent():
		c.Fail(exercise.Mistake{
			Expected: "the ranges counted by count, in worker processes",
			Got:      "count never ran in a child process",
			Likely:   "the primes were counted in this process: hand count and the ranges to processes.Map",
		})
	case !strings.HasPrefix(names[0], "PoolWorker-"):
		c.Fail(exercise.Mistake{
			Expected: "the ranges counted by the workers of a pool",
			Got:      fmt.Sprintf("they ran in %s", strings.Join(names, ", ")),
			Likely:   "a process per range works, but the exercise is the pool: processes.NewPool(workers) and processes.Map",
		})
	case len(names) > workers:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("a pool of %d workers", workers),
			Got:      fmt.Sprintf("%d workers ran tasks: %s", len(names), strings.Join(names, ", ")),
			Likely:   "make the pool with the workers argument (and no WithMaxTasksPerWorker, which replaces workers as they go)",
		})
	case w.broken && w.startedAtFirst < workers:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d ranges counted at the same time, by a pool of %d workers", workers, workers),
			Got: fmt.Sprintf("the pool had %d worker process(es) when the first range started, so they never overlapped (waited %v)",
				w.startedAtFirst, c.Patience()),
			Likely: "the pool is too small: make it with processes.NewPool(workers), the workers argument, not a number of your own",
		})
	case w.broken && w.inGet:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d ranges counted at the same time", workers),
			Got:      fmt.Sprintf("they never overlapped (waited %v); your code was waiting in AsyncResult.Get", c.Patience()),
			Likely: "each range's result is waited for (Get) before the next range is sent, so the ranges run one after the other: " +
				"ApplyAsync every range first, then Get each in order, or give them all to processes.Map",
		})
	case w.broken && len(names) == 1:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d ranges counted at the same time", workers),
			Got:      fmt.Sprintf("%s ran every range, one after the other (waited %v)", names[0], c.Patience()),
			Likely: "the ranges run one after the other in one worker: the pool was given one task at a time (a Map call " +
				"per range) or one chunk of them all (WithChunkSize as large as the ranges). Give processes.Map all the " +
				"ranges in one call, and leave the chunk size out",
		})
	case w.broken:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("%d ranges counted at the same time", workers),
			Got:      fmt.Sprintf("they never overlapped (waited %v)", c.Patience()),
			Likely:   "the ranges run one after the other: map them all at once, or start every task before waiting for any",
		})
	}
	if !slices.Equal(got, want) {
		likely := "a result was lost: return one count per range"
		switch {
		case exercise.IsPermutation(got, want) && (slices.IsSorted(got) || slices.IsSortedFunc(got, func(a, b int) int { return b - a })):
			likely = "the counts were sorted: return them as processes.Map gives them, in the order of the ranges"
		case exercise.IsPermutation(got, want):
			likely = "the counts are in the order the tasks finished: processes.Map keeps the order of its arguments; " +
				"ApplyAsync callbacks do not"
		}
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("counts %v, in the order of the ranges", want),
			Got:      fmt.Sprint(got),
			Likely:   likely,
		})
	}
	checkCountPrimesFails(c, impl)
}

// poolLeftBehind fails the check if the pool's workers were still there
// when CountPrimes returned (left, listed while the check still held
// them), or if the check still held the pool's pipes (held): the answer
// was never seen in Join. Let go, the workers of a closed pool exit: then it
// was closed but never joined; those of a pool never closed stay. Those of
// a terminated pool are gone at once, but the pool's readers of them wait
// for the check: it was terminated but never joined. when says on which
// path.
func poolLeftBehind(c *exercise.C, before exercise.ProcessSnapshot, left []children.Child, held bool, when string) {
	if !slices.ContainsFunc(left, func(k children.Child) bool { return !k.Zombie() }) { // none, or none alive
		if held {
			c.Fail(exercise.Mistake{
				Expected: "CountPrimes to wait in pool.Join before it returns",
				Got:      "it returned while the pool was still winding down: its workers' pipes were not read to the end",
				Likely: when + "the pool was terminated but never joined: Terminate, like Close, only begins the end, and " +
					"pool.Join(ctx) waits for it. Call pool.Close() and then pool.Join(ctx) (defer both right after NewPool)",
			})
		}
		if len(left) == 0 {
			return
		}
	}
	got := fmt.Sprintf("%d worker process(es) still running when it returned:\n%s", len(left), children.Describe(left))
	closed := c.Await(func() bool { return len(before.Left()) == 0 })
	likely := when + "the pool was closed but never joined: its workers were still running when CountPrimes returned. " +
		"pool.Join(ctx) waits for them to exit; call it after pool.Close() (defer both right after NewPool: " +
		"deferred calls run last first, and a Join before Close fails at once)"
	if !closed {
		likely = when + "the pool is never closed, so its workers go on running: call pool.Close() and then pool.Join(ctx) " +
			"(defer both right after NewPool)"
	}
	c.Fail(exercise.Mistake{Expected: "no child process left once CountPrimes returns", Got: got, Likely: likely})
}

// checkCountPrimesFails runs exercise 1 with a range that count refuses,
// beside one that takes longer: the error must come back, and the pool
// must be closed and joined on that path too.
func checkCountPrimesFails(c *exercise.C, impl CountPrimesFunc) {
	w, probes := newWatch(2, 2, false, false)
	w.pins = newPins()
	ranges := []Range{{From: 0, To: 5000, Probe: probes[0]}, {From: -100, To: 0, Probe: probes[1]}}
	before := c.ProcessSnapshot()
	w.start(c, before)
	defer w.stop()
	var err error
	c.Call("CountPrimes(ctx, count, ranges, 2) with a range count refuses", "it never returns once a task fails: is it waiting for the failed task's result "+
		"(its ApplyAsync callback gets the error instead), or counting only the results that succeed?",
		func() { _, err = impl(context.Background(), Count, ranges, 2) })
	left := before.Left()
	held := w.pins.holding()
	w.stop()
	poolLeftBehind(c, before, left, held, "when Map fails, ")
	if err == nil || !strings.Contains(err.Error(), "no primes below zero") {
		c.Fail(exercise.Mistake{
			Expected: "the error of the range count refused (\"no primes below zero\")",
			Got:      fmt.Sprintf("error %v", err),
			Likely:   "the error Map returned was dropped: return it",
		})
	}
	checkCountPrimesFailsTwice(c, impl)
}

// checkCountPrimesFailsTwice runs exercise 1 with two ranges that count
// refuses, on two workers at once: one error variable that goroutines of the
// answer's both set is a data race (-race names it).
func checkCountPrimesFailsTwice(c *exercise.C, impl CountPrimesFunc) {
	ranges := []Range{{From: -100, To: 0}, {From: 0, To: 3000}, {From: -50, To: 0}}
	before := c.ProcessSnapshot()
	var err error
	c.Call("CountPrimes(ctx, count, ranges, 2) with two ranges count refuses", "it never returns once two tasks fail",
		func() { _, err = impl(context.Background(), Count, ranges, 2) })
	c.NoProcessesLeft(before.Left(), "CountPrimes, even when two tasks fail", "the pool was not closed and joined when "+
		"two tasks failed: defer pool.Close() and pool.Join(ctx) right after NewPool")
	if err == nil || !strings.Contains(err.Error(), "no primes below zero") {
		c.Fail(exercise.Mistake{
			Expected: "an error of a range count refused (\"no primes below zero\")",
			Got:      fmt.Sprintf("error %v", err),
			Likely:   "the errors of the two failing ranges were dropped: return one (Map returns the first)",
		})
	}
}
