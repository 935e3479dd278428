// Command first-wins stops goroutines as soon as one of them has found a
// value above the target, two ways: errgroup, where the finder returns an
// error that says what it found and the group cancels the others' context,
// and context.WithCancelCause, where the finder cancels the context with
// what it found as the cause. Every worker returns what it drew. Then what
// a goroutine that never looks at its context costs: nothing can stop it.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

const (
	seed    = 16
	workers = 2
	target  = 0.8
	tick    = 100 * time.Millisecond
)

// Found is what the first worker above the target found.
type Found struct {
	Worker int
	X      float64
}

func (f *Found) Error() string { return fmt.Sprintf("worker %d found %.2f", f.Worker, f.X) }

// start is when the workers start drawing.
var start = time.Now()

// draw waits for worker w's k-th draw, or for ctx to end. Worker w's
// draws take (3+w)/3 ticks, and end on a schedule, so that the workers'
// draws end in the same order on every run.
func draw(ctx context.Context, w, k int) bool {
	timer := time.NewTimer(time.Until(start.Add(tick * time.Duration(k*(3+w)) / 3)))
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func withErrgroup() {
	g, ctx := errgroup.WithContext(context.Background())
	drawn := make([][]float64, workers) // each worker writes its own slot
	var found time.Time
	var once sync.Once
	for w := range workers {
		g.Go(func() error {
			values := termination.NewValues(seed, w)
			for k := 1; draw(ctx, w, k); k++ {
				x := values.Next()
				drawn[w] = append(drawn[w], x)
				if x > target {
					once.Do(func() { found = time.Now() })
					return &Found{Worker: w, X: x} // the group cancels ctx
				}
			}
			return nil // ctx was cancelled: what it drew is in drawn[w]
		})
	}
	err := g.Wait()
	took := time.Since(found)
	var f *Found
	fmt.Println("g.Wait():", err, "| errors.As Found:", errors.As(err, &f))
	fmt.Printf("every goroutine returned %v after the find\n", took.Round(10*time.Microsecond))
	fmt.Println("drawn:", drawn)
}

func withCancelCause() {
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	drawn := make([][]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			values := termination.NewValues(seed, w)
			for k := 1; draw(ctx, w, k); k++ {
				x := values.Next()
				drawn[w] = append(drawn[w], x)
				if x > target {
					cancel(&Found{Worker: w, X: x}) // the first cause wins; later ones are ignored
					return
				}
			}
		})
	}
	wg.Wait()
	var f *Found
	if errors.As(context.Cause(ctx), &f) {
		fmt.Printf("context.Cause(ctx): %v (ctx.Err(): %v)\n", f, ctx.Err())
	}
	fmt.Println("drawn:", drawn)
}

// deaf draws five values and never looks at a context: it has none.
func deaf() []float64 {
	values := termination.NewValues(seed, 0)
	var drawn []float64
	for range 5 {
		time.Sleep(tick)
		drawn = append(drawn, values.Next())
	}
	return drawn
}

func noKill() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var drawn []float64
	wg.Go(func() { drawn = deaf() })
	cancel() // asks: but deaf never looks
	stopped := time.Now()
	wg.Wait()
	fmt.Printf("cancel() at once (ctx.Err(): %v); the deaf goroutine ran on for %v and drew %v\n",
		ctx.Err(), time.Since(stopped).Round(10*time.Millisecond), drawn)
}

func main() {
	fmt.Println("== errgroup: the finder returns an error, the group cancels the others")
	start = time.Now()
	withErrgroup()
	fmt.Println("\n== context.WithCancelCause: the finder cancels, with what it found as the cause")
	start = time.Now()
	withCancelCause()
	fmt.Println("\n== a goroutine that never looks at its context")
	noKill()
}
