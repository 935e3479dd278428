// Command results gets values back from goroutines three ways: through a
// channel (Python's queue.Queue), through a slice with an element per
// goroutine, and with errgroup, where the first error cancels the rest.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

// inputs finish in a different order than they are given: n takes n units.
var inputs = []int{4, 1, 3, 2}

// square sleeps n units, then returns n*n.
func square(n int) int {
	time.Sleep(time.Duration(n) * threads.Unit)
	return n * n
}

// byChannel runs square on every input, each in its own goroutine, and
// collects the results from a channel: Python's queue.Queue that the
// threads put into and the main thread gets from. The results arrive in the
// order the goroutines finish, not in the order of the inputs. The channel
// has room for every result, so no goroutine ever blocks on its send.
func byChannel() []int {
	results := make(chan int, len(inputs))
	var wg sync.WaitGroup
	for _, n := range inputs {
		wg.Go(func() { results <- square(n) })
	}
	out := make([]int, 0, len(inputs))
	for range inputs { // exactly one result per goroutine
		out = append(out, <-results)
	}
	wg.Wait() // every goroutine has sent: this returns at once
	return out
}

// byIndex runs square on every input, each in its own goroutine, which
// writes only its own element of the slice: no channel and no lock, and
// the results in the order of the inputs. wg.Wait makes the writes visible.
func byIndex() []int {
	out := make([]int, len(inputs))
	var wg sync.WaitGroup
	for i, n := range inputs {
		wg.Go(func() { out[i] = square(n) })
	}
	wg.Wait()
	return out
}

// withErrgroup is byIndex for work that can fail: input 3 fails once its
// sleep is over, and the first error cancels the context the other calls
// got, so their sleeps end early.
func withErrgroup(ctx context.Context) ([]int, error) {
	out := make([]int, len(inputs))
	g, ctx := errgroup.WithContext(ctx)
	for i, n := range inputs {
		g.Go(func() error {
			if err := overview.Sleep(ctx, time.Duration(n)*threads.Unit); err != nil {
				return err
			}
			if n == 3 {
				return fmt.Errorf("input %d: %w", i, errors.New("3 is unlucky"))
			}
			out[i] = n * n
			return nil
		})
	}
	if err := g.Wait(); err != nil { // the first error, once every goroutine has returned
		return nil, err
	}
	return out, nil
}

func main() {
	fmt.Printf("inputs %v: each goroutine sleeps n × %v, then returns n*n\n", inputs, threads.Unit)

	fmt.Println("\n== a channel (Python's queue.Queue): results in the order they finish ==")
	fmt.Println(byChannel())

	fmt.Println("\n== a slice, each goroutine writes its own element: results in the order of the inputs ==")
	fmt.Println(byIndex())

	fmt.Println("\n== errgroup: 3 fails after its sleep, and the first error cancels the others ==")
	start := time.Now()
	results, err := withErrgroup(context.Background())
	fmt.Println("results:", results, "error:", err)
	fmt.Printf("returned after %v, when input 3 failed, not after the %v that input 4 sleeps\n",
		time.Since(start).Round(10*time.Millisecond), 4*threads.Unit)
}
