package check

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Part is one part of exercise 4's sum: numbers to add, one at a time.
type Part struct {
	Index   int
	Numbers []int
	Probe   Probe
	// HoldEnd: once its context ends, the part waits for the check's
	// go-ahead before it hands back what it has summed.
	HoldEnd bool
}

// Sum is what a part added up: Counted numbers, all of them if Done.
type Sum struct {
	Index   int
	Total   int
	Counted int
	Done    bool
}

// SumFn is exercise 4's worker, run in a child process: it adds its part's
// numbers, one at a time (each takes as long as it takes), and returns the
// sum; when its context ends first, it returns what it has added so far.
var SumFn = processes.Register("check05.sum", func(ctx context.Context, p Part) (Sum, error) {
	s := Sum{Index: p.Index}
	for i, n := range p.Numbers {
		if p.Probe.wait(ctx, i) != nil {
			if p.HoldEnd {
				p.Probe.holdEnd(ctx)
			}
			return s, p.Probe.say(ctx, Returned, 0, 0) // the sum so far goes back
		}
		s.Total += n
		s.Counted++
	}
	s.Done = true
	return s, p.Probe.say(ctx, Returned, 0, 0)
})

// SumUntilFunc is the signature of exercise 4.
type SumUntilFunc func(ctx context.Context, sum *processes.Func[Part, Sum], parts []Part) ([]Sum, error)

// SumUntil is exercise 4: every part in its own process, until ctx's
// deadline; then every partial sum, and an error that says so.
var SumUntil = exercise.Exercise[SumUntilFunc]{
	Info: exercise.Info{
		Name:    "SumUntil",
		File:    "lessons/05-termination/exercises/sum_until.go",
		Section: readme + "#exercise-4-a-deadline-and-the-partial-results",
		Hint: "start every part with ctx (its end reaches the child's function); Wait for each with context.WithoutCancel(ctx), " +
			"so that you get what it summed; count the Done ones; if ctx.Err() is not nil, return the sums with " +
			`fmt.Errorf("... %d of %d parts finished: %w", done, len(parts), ctx.Err())`,
	},
	Check: checkSumUntil,
}

// holdEnds is how long the parts the deadline stopped are held before
// they hand back their sums: well under lesson 01's grace period (2 s),
// after which a child whose context has ended is killed.
const holdEnds = time.Second

func sumOf(ns []int) int {
	t := 0
	for _, n := range ns {
		t += n
	}
	return t
}

// makeParts makes n parts, the first short ones of 3 numbers, the others
// of 50.
func makeParts(r *record, n, short int) []Part {
	parts := make([]Part, n)
	for i := range parts {
		size := 50
		if i < short {
			size = 3
		}
		ns := make([]int, size)
		for j := range ns {
			ns[j] = 10*i + j + 1
		}
		parts[i] = Part{Index: i, Numbers: ns, Probe: r.probes[i]}
	}
	return parts
}

func checkSumUntil(c *exercise.C, impl SumUntilFunc) {
	before := c.ProcessSnapshot()
	defer before.Reap()

	// Without a deadline, every part finishes, and there is no error.
	r := newRecord(3)
	defer r.close()
	parts := makeParts(r, 3, 3)
	r.react = func(rep Report) {
		if rep.What == Waiting {
			r.release(rep.Index)
		}
	}
	r.start()
	var (
		sums []Sum
		err  error
	)
	c.Call("SumUntil(ctx, sum, parts) with no deadline", "it never returns, though every part finishes: Wait for each process",
		func() { sums, err = impl(context.Background(), SumFn, slices.Clone(parts)) })
	c.NoProcessesLeft(before.Left(), "SumUntil", "a part was still running: Wait for every process before you return")
	r.stop()
	if !r.any {
		c.Fail(exercise.Mistake{Expected: "every part run by sum in a child process", Got: "sum never ran in a child process",
			Likely: "start processes.New(sum, parts[i]) for every part"})
	}
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "no error when every part finishes", Got: err.Error(),
			Likely: "return an error only if ctx ended (ctx.Err() is not nil) before every part finished"})
	}
	for i, p := range parts {
		want := Sum{Index: i, Total: sumOf(p.Numbers), Counted: len(p.Numbers), Done: true}
		if i >= len(sums) || sums[i] != want {
			c.Fail(exercise.Mistake{Expected: fmt.Sprintf("sums[%d] = %+v", i, want), Got: fmt.Sprintf("%+v", sums),
				Likely: "put each process's Sum at its part's index"})
		}
	}

	// With a deadline that passes once parts 0 and 1 are done and the
	// others half way.
	const n, short = 5, 2
	r2 := newRecord(n)
	defer r2.close()
	parts = makeParts(r2, n, short)
	for i := short; i < n; i++ {
		parts[i].HoldEnd = true
	}
	d := newDeadline(time.Now().Add(time.Hour))
	halfWay := func() bool {
		for i := range n {
			if i < short && !r2.returned[i] {
				return false
			}
			if step, waits := r2.waiting[i]; i >= short && (!waits || step != 1) {
				return false
			}
		}
		return true
	}
	r2.react = func(rep Report) {
		if rep.What == Waiting && (rep.Index < short || rep.Step == 0) {
			r2.release(rep.Index)
		}
		if halfWay() {
			d.pass()
		}
	}
	broken := false
	r2.start()
	r2.watch(func() { // the patience counts from the first report: starting processes may take a while
		if r2.until(func() bool { return r2.any }, time.Hour) && !r2.until(halfWay, c.Patience()) {
			r2.mu.Lock()
			broken = true
			r2.mu.Unlock()
			d.pass()
		}
	})
	// The parts the deadline stopped hand back their sums only after
	// holdEnds: an answer that waits for them with a time limit shorter
	// than that has given up on them, and returned with them running.
	r2.watch(func() {
		if !r2.until(func() bool { return len(r2.ending) == n-short }, time.Hour) {
			return
		}
		select { // not less, even once the answer has returned: the check must see what it left
		case <-time.After(holdEnds):
		case <-r2.quit:
			return
		}
		r2.mu.Lock()
		defer r2.mu.Unlock()
		for i := range r2.ending {
			_ = r2.probes[i].Go.TryPut(true)
		}
	})
	c.Call("SumUntil(ctx, sum, parts) with a deadline", "it never returns once the deadline has passed: a part's "+
		"function returns when its context ends, if the process was started with that context",
		func() { sums, err = impl(d, SumFn, slices.Clone(parts)) })
	c.NoProcessesLeft(before.Left(), "SumUntil", "a part was still running: Wait for every process (with "+
		"context.WithoutCancel(ctx): the deadline has passed) before you return, however long it takes to hand "+
		"back its sum (a Wait with a time limit gives up on it)")
	r2.stop()
	r2.mu.Lock()
	defer r2.mu.Unlock()
	if broken {
		c.Fail(exercise.Mistake{
			Expected: "every part started at once, so that the deadline finds the short ones done and the others half way",
			Got:      fmt.Sprintf("after %v, they were not: %d of %d parts had started", c.Patience(), len(r2.waiting)+len(r2.returned), n),
			Likely:   "the parts ran one after the other: start every process first, then wait for them",
		})
	}
	if len(sums) != n {
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%d sums, one per part, finished or not", n), Got: fmt.Sprintf("%d: %+v", len(sums), sums),
			Likely: "the partial sums were dropped: return a Sum for every part, the ones the deadline stopped too"})
	}
	for i, p := range parts {
		want := Sum{Index: i, Total: sumOf(p.Numbers), Counted: len(p.Numbers), Done: true}
		if i >= short {
			want = Sum{Index: i, Total: p.Numbers[0], Counted: 1}
		}
		if sums[i] == want {
			continue
		}
		likely := "put each process's Sum at its part's index"
		if sums[i] == (Sum{}) {
			likely = fmt.Sprintf("the sum of part %d was lost: a process that is killed, or that Wait gives up on, gives "+
				"no result (Wait(ctx) returns at once once ctx has ended). Wait for each with context.WithoutCancel(ctx), "+
				"and do not kill them: each returns what it has summed when its context ends", i)
		}
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("sums[%d] = %+v", i, want), Got: fmt.Sprintf("%+v", sums[i]), Likely: likely})
	}
	says := fmt.Sprintf("%d of %d", short, n)
	switch {
	case err == nil:
		c.Fail(exercise.Mistake{Expected: "an error, since the deadline passed before every part finished", Got: "nil",
			Likely: "if ctx.Err() is not nil once the processes are done, return an error that wraps it"})
	case !errors.Is(err, context.DeadlineExceeded):
		c.Fail(exercise.Mistake{Expected: "an error that errors.Is finds context.DeadlineExceeded in", Got: err.Error(),
			Likely: "wrap ctx.Err() with %w, so the caller can tell a deadline from another failure"})
	case !strings.Contains(err.Error(), says):
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("an error that says how many parts finished: %q", says), Got: err.Error(),
			Likely: `count the sums that are Done: fmt.Errorf("... %d of %d parts finished: %w", done, len(parts), ctx.Err())`})
	}
}
