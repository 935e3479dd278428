package check

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Hunt is one worker's job in exercise 1: Python's do_work(i, terminate,
// met_condition, target). Set Found and Stop before you start it; the check
// has set the rest.
type Hunt struct {
	Worker int
	Target float64
	// Found is set by the worker that draws a value above Target (Python's
	// met_condition). Once Stop is set, every worker returns what it drew
	// (Python's terminate). They may be one event.
	Found, Stop *processes.Event
	Finder      bool // the check's: this is the worker that will find
	Probe       Probe
}

// Drawn is what a worker drew, in order, and whether its last value was
// above the target.
type Drawn struct {
	Worker int
	Values []float64
	Found  bool
}

const (
	huntSeed = 5
	findAt   = 3    // the finder's draw that is above the target
	above    = 0.97 // and its value
	lastStep = -1   // where worker 0 waits, once stopped, to return last
)

// below is worker w's n-th value, below target: the others never find.
func below(v *termination.Values, target float64) float64 {
	return math.Floor(v.Next()*target*100) / 100
}

// HuntFn is exercise 1's worker, run in a child process: it draws a value
// a millisecond until one is above its target (then it sets Found and
// returns) or until Stop is set (then it returns every value it drew).
var HuntFn = processes.Register("check05.hunt", func(ctx context.Context, h Hunt) (Drawn, error) {
	d := Drawn{Worker: h.Worker}
	if h.Found == nil || h.Stop == nil {
		return d, errors.New("check: this Hunt has no Found or no Stop event: set both (they may be one event) before you start it")
	}
	if h.Probe.Reports != nil {
		if err := h.Probe.Reports.Put(context.WithoutCancel(ctx), Report{Index: h.Probe.Index, What: Events, Found: h.Found, Stop: h.Stop}); err != nil {
			return d, err
		}
	}
	stopped, cancel := termination.WhenSet(ctx, h.Stop)
	defer cancel()
	values := termination.NewValues(huntSeed, h.Worker)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for n := 1; ; n++ {
		select {
		case <-stopped.Done():
			if h.Worker == 0 { // it returns last: results taken in the order they come are out of order
				_ = h.Probe.wait(ctx, lastStep)
			}
			return d, h.Probe.say(ctx, Returned, 0, 0)
		case <-tick.C:
		}
		x := below(values, h.Target)
		if h.Finder && n == findAt {
			if h.Probe.wait(stopped, n) != nil { // until the others have drawn
				return d, h.Probe.say(ctx, Returned, 0, 0)
			}
			x = above
		}
		if err := h.Probe.say(ctx, Drew, n, x); err != nil {
			return d, err
		}
		d.Values = append(d.Values, x)
		if x > h.Target {
			d.Found = true
			if err := h.Probe.say(ctx, Returned, 0, 0); err != nil {
				return d, err
			}
			return d, h.Found.Set()
		}
	}
})

// FirstAboveFunc is the signature of exercise 1.
type FirstAboveFunc func(ctx context.Context, hunt *processes.Func[Hunt, Drawn], jobs []Hunt) (found float64, drawn [][]float64, err error)

// FirstAbove is exercise 1: run every job in its own process at once, stop
// them all once one has found a value above the target, and return that
// value and every value every worker drew.
var FirstAbove = exercise.Exercise[FirstAboveFunc]{
	Info: exercise.Info{
		Name:    "FirstAbove",
		File:    "lessons/05-termination/exercises/first_above.go",
		Section: readme + "#exercise-1-the-first-value-above-a-target-nothing-lost",
		Hint: "make the events with processes.NewEvent and put them in every job; start a process per job; Found.Wait; " +
			"Stop.Set; then Wait for every process and keep its Values at its index; close the events",
	},
	Check: checkFirstAbove,
}

func checkFirstAbove(c *exercise.C, impl FirstAboveFunc) {
	const workers, target = 4, 0.9
	finder := workers - 1
	r := newRecord(workers)
	defer r.close()
	jobs := make([]Hunt, workers)
	for i := range jobs {
		jobs[i] = Hunt{Worker: i, Target: target, Finder: i == finder, Probe: r.probes[i]}
	}
	// The finder finds once every other worker has drawn twice: so they all
	// run at once, and each has values to lose.
	broken := false
	everyoneDrew := func() bool {
		for w := range workers {
			if w != finder && len(r.drew[w]) < 2 {
				return false
			}
		}
		return true
	}
	othersReturned := func() bool {
		for w := 1; w < workers; w++ {
			if !r.returned[w] {
				return false
			}
		}
		return true
	}
	r.react = func(Report) {
		if _, held := r.waiting[finder]; held && everyoneDrew() {
			r.release(finder)
		}
		if step, held := r.waiting[0]; held && step == lastStep && othersReturned() {
			r.release(0)
		}
	}
	before := c.ProcessSnapshot()
	defer before.Reap()
	r.start()
	r.watch(func() { // after the patience (from the first report), let the finder find anyway
		if r.until(func() bool { return r.any }, time.Hour) && !r.until(everyoneDrew, c.Patience()) {
			r.mu.Lock()
			broken = true
			r.release(finder)
			r.mu.Unlock()
		}
	})
	r.watch(func() { // and worker 0 return, once held, if the others never do
		held := func() bool { step, ok := r.waiting[0]; return ok && step == lastStep }
		if r.until(held, time.Hour) && !r.until(othersReturned, c.Patience()) {
			r.mu.Lock()
			r.release(0)
			r.mu.Unlock()
		}
	})
	var (
		found float64
		drawn [][]float64
		err   error
	)
	c.Call("FirstAbove(ctx, hunt, jobs)", "it never returns: are the workers started one after the other (start them all, then wait), "+
		"and is Stop set once Found is? A worker draws until Stop is set",
		func() { found, drawn, err = impl(context.Background(), HuntFn, slices.Clone(jobs)) })
	c.NoProcessesLeft(before.Left(), "FirstAbove", "a worker was still running: Wait for every process before you return")
	r.stop()
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case !r.any:
		c.Fail(exercise.Mistake{Expected: "every job run by hunt in a child process", Got: "hunt never ran in a child process",
			Likely: "start processes.New(hunt, jobs[i]) for every job"})
	case broken:
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("all %d workers drawing at the same time", workers),
			Got:      fmt.Sprintf("after %v, some worker had not drawn twice yet: %v", c.Patience(), r.drew),
			Likely:   "the workers ran one after the other: start every process first, then wait for them",
		})
	case err != nil && strings.Contains(err.Error(), "no Found or no Stop"):
		c.Fail(exercise.Mistake{Expected: "FirstAbove to succeed", Got: "it returned: " + err.Error(),
			Likely: "make the events (processes.NewEvent) and set jobs[i].Found and jobs[i].Stop before you start each job"})
	case err != nil:
		c.Fail(exercise.Mistake{Expected: "FirstAbove to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "read the error: it says which step failed"})
	case len(drawn) != workers:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%d lists of values, one per worker", workers), Got: fmt.Sprintf("%d: %v", len(drawn), drawn),
			Likely: "make drawn len(jobs) long, and put each worker's Values at its index"})
	}
	for w := range workers {
		own := r.drew[w]
		switch {
		case !r.returned[w]:
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("worker %d to stop when asked, and return what it drew", w),
				Got:      fmt.Sprintf("it never returned: it drew %v, and was stopped by force (FirstAbove returned %v for it)", own, drawn[w]),
				Likely:   "the workers were killed or terminated, and what they drew died with them: set Stop, and let each return",
			})
		case len(own) > len(drawn[w]) && slices.Equal(own[:len(drawn[w])], drawn[w]):
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("every value worker %d drew: %v", w, own),
				Got:      fmt.Sprintf("%v: the rest were lost", drawn[w]),
				Likely:   "a worker's values were dropped: Wait for every process and keep its Values at its index",
			})
		case !slices.Equal(own, drawn[w]):
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("worker %d's values, in the order it drew them: %v", w, own),
				Got:      fmt.Sprint(drawn[w]),
				Likely:   "the values came out of order or from another worker: put each process's Values at its job's index",
			})
		}
	}
	if found != above {
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("found = %.2f, the value above %.2f", above, target), Got: fmt.Sprint(found),
			Likely: "return the finder's last value: the one whose Drawn has Found set"})
	}
	for _, ev := range r.events {
		if ev == nil {
			continue
		}
		if _, err := ev.IsSet(); !errors.Is(err, processes.ErrEventClosed) {
			c.Fail(exercise.Mistake{Expected: "the events closed before FirstAbove returns", Got: "an event the workers were given is still open",
				Likely: "the events were never closed: an Event lives in the process that made it until it is closed; " +
					"defer found.Close() (and stop.Close()) right after NewEvent"})
			break
		}
	}
}
