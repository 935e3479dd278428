package check

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	termination "github.com/gophertutor/concurrency/lessons/05-termination"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// DrawFunc draws worker's next value. It takes a moment, and returns ctx's
// error instead if ctx ends first.
type DrawFunc func(ctx context.Context, worker int) (float64, error)

// FirstAboveGoFunc is the signature of exercise 2.
type FirstAboveGoFunc func(ctx context.Context, draw DrawFunc, workers int, target float64) (found float64, drawn [][]float64, err error)

// FirstAboveGo is exercise 2: exercise 1 with goroutines and a context.
var FirstAboveGo = exercise.Exercise[FirstAboveGoFunc]{
	Info: exercise.Info{
		Name:    "FirstAboveGo",
		File:    "lessons/05-termination/exercises/first_above_go.go",
		Section: readme + "#exercise-2-the-same-with-goroutines-and-a-context",
		Hint: "derive a context you can cancel (context.WithCancelCause, or errgroup.WithContext); each worker loops " +
			"draw(ctx, w) until it returns an error, keeping its values in drawn[w]; the finder cancels; wait for all",
		RaceSensitive: true,
	},
	Check: checkFirstAboveGo,
}

// draws is the check's side of exercise 2: what each worker drew, by the
// draw function's own account. Each worker but the finder draws two
// values; its third draw waits for the find, and then for its context: at
// the find, every other worker is in the middle of a draw, which only a
// cancelled context ends. The finder finds on its third draw, once every
// other worker is there. Nothing in it orders one worker's calls after
// another's (no lock or channel they share, but the finder's), so that the
// race detector sees what the learner's code shares between workers
// unguarded.
type draws struct {
	workers, finder int
	target          float64
	patience        time.Duration

	mus    []sync.Mutex // each worker's own, for its values and own
	values []*termination.Values
	own    [][]float64
	found  chan struct{} // closed at the find
	once   sync.Once
	broken atomic.Bool // the others never got there, within the patience

	invalidMu sync.Mutex
	invalid   []int // workers draw was called for that do not exist

	// A draw in progress at the find returns, once its ctx is cancelled,
	// only when the learner's FirstAboveGo waits for its workers, or, if
	// it has returned without waiting, once the check has looked (looked
	// closed): a draw takes a while to stop, and an answer that returns at
	// the cancel leaves its workers running.
	c      *exercise.C
	looked chan struct{}
}

// stopped is the end of a draw whose ctx was cancelled after the find.
func (d *draws) stopped(ctx context.Context) (float64, error) {
	if d.c.AwaitCaller() == exercise.CallerReturned {
		<-d.looked
	}
	return 0, ctx.Err()
}

func newDraws(c *exercise.C, workers int, target float64) *draws {
	d := &draws{workers: workers, finder: workers - 1, target: target, patience: c.Patience(), c: c, looked: make(chan struct{}),
		mus: make([]sync.Mutex, workers), own: make([][]float64, workers),
		found: make(chan struct{})}
	for w := range workers {
		d.values = append(d.values, termination.NewValues(huntSeed, w))
	}
	return d
}

func (d *draws) draw(ctx context.Context, w int) (float64, error) {
	if w < 0 || w >= d.workers {
		d.invalidMu.Lock()
		d.invalid = append(d.invalid, w)
		d.invalidMu.Unlock()
		return 0, fmt.Errorf("check: there is no worker %d: the workers are 0 to %d", w, d.workers-1)
	}
	d.mus[w].Lock()
	n := len(d.own[w])
	d.mus[w].Unlock()
	if w != d.finder && n >= 2 {
		return d.held(ctx)
	}
	select {
	case <-d.found: // after the find, a draw ends only when its context does
		<-ctx.Done()
		return d.stopped(ctx)
	default:
	}
	timer := time.NewTimer(time.Millisecond)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	d.mus[w].Lock()
	defer d.mus[w].Unlock()
	x := below(d.values[w], d.target)
	if w == d.finder && len(d.own[w])+1 == findAt {
		if !d.othersWait(ctx) {
			return 0, ctx.Err()
		}
		x = above
	}
	d.own[w] = append(d.own[w], x)
	if x > d.target {
		d.once.Do(func() { close(d.found) })
	}
	return x, nil
}

// held is a worker's third draw: the find comes, then only ctx ends it.
func (d *draws) held(ctx context.Context) (float64, error) {
	select {
	case <-d.found:
		<-ctx.Done()
		return d.stopped(ctx)
	case <-ctx.Done():
	}
	return 0, ctx.Err()
}

// othersWait waits until every worker but the finder is in its third
// draw, or the patience has passed (then the finder finds anyway); false
// if ctx ended first. It waits by looking at the goroutines' stacks, not
// on a channel the others close: a channel would order everything the
// others did before their third draw (reading a found variable, say)
// before the finder's find, and hide a data race from the race detector.
func (d *draws) othersWait(ctx context.Context) bool {
	if !d.c.AwaitBlocked("check.(*draws).held(", d.workers-1) {
		d.broken.Store(true)
	}
	return ctx.Err() == nil
}

// ownValues is what each worker drew, once the learner's code has returned.
func (d *draws) ownValues() [][]float64 {
	out := make([][]float64, d.workers)
	for w := range out {
		d.mus[w].Lock()
		out[w] = slices.Clone(d.own[w])
		d.mus[w].Unlock()
	}
	return out
}

func checkFirstAboveGo(c *exercise.C, impl FirstAboveGoFunc) {
	const workers, target = 4, 0.9
	d := newDraws(c, workers, target)
	look := sync.OnceFunc(func() { close(d.looked) })
	defer look()
	// ctx is cancelled when the check ends: an answer stuck in draw, with
	// the context it was given, is let go then.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	snap := c.Snapshot()
	var (
		found float64
		drawn [][]float64
		err   error
	)
	c.Call("FirstAboveGo(ctx, draw, 4, 0.9)", "it never returns. Do the workers run one after the other (start a goroutine "+
		"for each)? After one worker has found, a draw ends only when its context does: cancel the context you pass "+
		"to draw as soon as one finds (context.WithCancelCause, or errgroup.WithContext), and stop each worker when "+
		"draw returns an error",
		func() { found, drawn, err = impl(ctx, d.draw, workers, target) })
	c.NoGoroutinesLeft(snap, "FirstAboveGo", "a worker was still running when FirstAboveGo returned: wait for them all "+
		"(sync.WaitGroup, or the errgroup's Wait) before you return: cancelling them tells them to stop, it does not wait "+
		"until they have")
	look()
	own := d.ownValues()
	d.invalidMu.Lock()
	invalid := slices.Clone(d.invalid)
	d.invalidMu.Unlock()
	switch {
	case len(invalid) > 0:
		c.Fail(exercise.Mistake{Expected: "draw called for workers 0 to 3", Got: fmt.Sprintf("it was called for worker %d", invalid[0]),
			Likely: "start one goroutine per worker, for w := range workers, and pass it w"})
	case d.broken.Load():
		c.Fail(exercise.Mistake{
			Expected: fmt.Sprintf("all %d workers drawing at the same time", workers),
			Got:      fmt.Sprintf("after %v, some worker had not drawn twice yet: %v", c.Patience(), own),
			Likely:   "the workers ran one after the other: start a goroutine for every worker, then wait for them",
		})
	case err != nil:
		c.Fail(exercise.Mistake{Expected: "FirstAboveGo to succeed", Got: "it returned the error: " + err.Error(),
			Likely: "that one worker found is not an error of FirstAboveGo: if the finder's cancel carries a cause (or the " +
				"errgroup an error) to say so, take the value from it and return a nil error"})
	case len(drawn) != workers:
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("%d lists of values, one per worker", workers), Got: fmt.Sprintf("%d: %v", len(drawn), drawn),
			Likely: "make drawn workers long; worker w appends to drawn[w]"})
	}
	for w, own := range own {
		switch {
		case slices.Equal(own, drawn[w]):
		case len(drawn[w]) > len(own) && slices.Equal(drawn[w][:len(own)], own):
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("only the values draw returned for worker %d: %v", w, own),
				Got:      fmt.Sprintf("%v: it kept %v, which draw never returned", drawn[w], drawn[w][len(own):]),
				Likely:   "a value was kept from a draw that failed: when draw returns an error, its value is not one; stop the worker",
			})
		case len(own) > len(drawn[w]):
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("every value worker %d drew: %v", w, own),
				Got:      fmt.Sprintf("%v: the rest were lost", drawn[w]),
				Likely:   "a worker's values were dropped: keep each value draw returns, and return only once every worker has stopped",
			})
		default:
			c.Fail(exercise.Mistake{
				Expected: fmt.Sprintf("worker %d's values, in the order it drew them: %v", w, own),
				Got:      fmt.Sprint(drawn[w]),
				Likely:   "the values went to another worker's list: worker w appends to drawn[w] only",
			})
		}
	}
	if found != above {
		c.Fail(exercise.Mistake{Expected: fmt.Sprintf("found = %.2f, the value above %.2f", above, target), Got: fmt.Sprint(found),
			Likely: "return the value the finder drew above the target"})
	}
}
