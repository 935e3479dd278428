package check_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gophertutor/concurrency/lessons/05-termination/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// A flag instead of a context: the others' draws, in progress when the
// finder finds, end only when their context does.
func TestFirstAboveGoRejectsAFlagInsteadOfACancel(t *testing.T) {
	flag := func(ctx context.Context, draw check.DrawFunc, workers int, target float64) (float64, [][]float64, error) {
		drawn := make([][]float64, workers)
		var stop atomic.Bool
		var best atomic.Value
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for !stop.Load() {
					x, err := draw(ctx, w) // never cancelled
					if err != nil {
						return
					}
					drawn[w] = append(drawn[w], x)
					if x > target {
						best.Store(x)
						stop.Store(true)
					}
				}
			})
		}
		wg.Wait()
		x, _ := best.Load().(float64)
		return x, drawn, nil
	}
	exercise.Rejected(t, check.FirstAboveGo.Run(flag, stuck), "cancel the context you pass to draw")
}

// drawUntilFound is a worker of the answers below that nothing waits for:
// it draws until a value is above target (and sends it) or draw fails.
func drawUntilFound(ctx context.Context, draw check.DrawFunc, w int, target float64, found chan<- float64) {
	for {
		x, err := draw(ctx, w)
		if err != nil {
			return
		}
		if x > target {
			found <- x
			return
		}
	}
}

// Returning at the find, without waiting for the others.
func TestFirstAboveGoRejectsNotWaiting(t *testing.T) {
	early := func(ctx context.Context, draw check.DrawFunc, workers int, target float64) (float64, [][]float64, error) {
		found := make(chan float64, workers)
		for w := range workers {
			go drawUntilFound(ctx, draw, w, target, found)
		}
		return <-found, make([][]float64, workers), nil // the others still draw
	}
	exercise.Rejected(t, check.FirstAboveGo.Run(early), "wait for them all")
}

// Cancelling the others at the find, then returning at once: cancelling
// tells them to stop, it does not wait until they have. Their draws in
// progress return only once the check has looked, as a draw that takes a
// while to stop would.
func TestFirstAboveGoRejectsCancellingWithoutWaiting(t *testing.T) {
	cancelOnly := func(ctx context.Context, draw check.DrawFunc, workers int, target float64) (float64, [][]float64, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		found := make(chan float64, workers)
		for w := range workers {
			go drawUntilFound(ctx, draw, w, target, found)
		}
		x := <-found
		cancel() // the others stop, but nobody waits for them
		return x, make([][]float64, workers), nil
	}
	exercise.Rejected(t, check.FirstAboveGo.Run(cancelOnly), "cancelling them tells them to stop, it does not wait")
}

// A value kept from a draw that failed.
func TestFirstAboveGoRejectsKeepingAFailedDraw(t *testing.T) {
	keeps := func(ctx context.Context, draw check.DrawFunc, workers int, target float64) (float64, [][]float64, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		drawn := make([][]float64, workers)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var best float64
		for w := range workers {
			wg.Go(func() {
				for {
					x, err := draw(ctx, w)
					drawn[w] = append(drawn[w], x) // before looking at err
					if err != nil {
						return
					}
					if x > target {
						mu.Lock()
						best = x
						mu.Unlock()
						cancel()
						return
					}
				}
			})
		}
		wg.Wait()
		return best, drawn, nil
	}
	exercise.Rejected(t, check.FirstAboveGo.Run(keeps), "from a draw that failed")
}

// A loop that never looks at draw's error (nor its context): it spins on
// after the cancel, until the test lets it go.
func TestFirstAboveGoRejectsALoopThatNeverLooks(t *testing.T) {
	released := make(chan struct{})
	var wg sync.WaitGroup
	spins := func(ctx context.Context, draw check.DrawFunc, workers int, target float64) (float64, [][]float64, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		drawn := make([][]float64, workers)
		for w := range workers {
			wg.Go(func() {
				for {
					select {
					case <-released:
						return
					default:
					}
					x, err := draw(ctx, w)
					if err == nil {
						drawn[w] = append(drawn[w], x)
					}
					if x > target {
						cancel()
					}
				}
			})
		}
		wg.Wait()
		return 0, drawn, nil
	}
	r := check.FirstAboveGo.Run(spins, stuck)
	close(released)
	wg.Wait()
	exercise.Rejected(t, r, "stop each worker when draw returns an error")
}

func TestFirstAboveGoRejectsOneWorkerAfterTheOther(t *testing.T) {
	oneByOne := func(ctx context.Context, draw check.DrawFunc, workers int, target float64) (float64, [][]float64, error) {
		drawn := make([][]float64, workers)
		for w := range workers { // worker 0 never finds: the check cancels ctx when it gives up
			for {
				x, err := draw(ctx, w)
				if err != nil {
					break
				}
				drawn[w] = append(drawn[w], x)
				if x > target {
					return x, drawn, nil
				}
			}
		}
		return 0, drawn, nil
	}
	exercise.Rejected(t, check.FirstAboveGo.Run(oneByOne, quick, stuck), "one after the other")
}

// All the workers append to one slice, with nothing ordering them.
func TestFirstAboveGoRejectsADataRace(t *testing.T) {
	racy := func(ctx context.Context, draw check.DrawFunc, workers int, target float64) (float64, [][]float64, error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		type value struct {
			w int
			x float64
		}
		var all []value // shared, unguarded
		var best float64
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for {
					x, err := draw(ctx, w)
					if err != nil {
						return
					}
					all = append(all, value{w, x})
					if x > target {
						best = x
						cancel()
						return
					}
				}
			})
		}
		wg.Wait()
		drawn := make([][]float64, workers)
		for _, v := range all {
			drawn[v.w] = append(drawn[v.w], v.x)
		}
		return best, drawn, nil
	}
	exercise.ExpectRace(t, func() { check.FirstAboveGo.Run(racy) })
}

// The found value as the workers' loop condition, read by every worker
// while the finder writes it, with nothing between them. The check's
// finder waits for the others by looking at their stacks, not on a channel
// they close, so nothing of the check's orders their reads before its
// write: the race detector sees the race. (It once waited on channels, and
// this answer passed under -race.)
func TestFirstAboveGoRejectsAnUnguardedFoundInTheLoopCondition(t *testing.T) {
	racy := func(ctx context.Context, draw check.DrawFunc, workers int, target float64) (found float64, drawn [][]float64, err error) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		drawn = make([][]float64, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for found == 0 { // read while the finder writes it
					x, err := draw(ctx, w)
					if err != nil {
						return
					}
					drawn[w] = append(drawn[w], x)
					if x > target {
						found = x
						cancel()
						return
					}
				}
			})
		}
		wg.Wait()
		return found, drawn, nil
	}
	exercise.ExpectRace(t, func() { check.FirstAboveGo.Run(racy) })
}
