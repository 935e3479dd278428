// Command results gets values back from goroutines three ways: through a
// channel (Python's queue.Queue), through a slice with an element per
// goroutine, and with errgroup, where the first error cancels the rest.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"

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

// squareUnlessThree is square for work that can fail: input 3 fails once
// its sleep is over. The others give up early when their context is
// cancelled.
func squareUnlessThree(ctx context.Context, n int) (int, error) {
	if err := overview.Sleep(ctx, time.Duration(n)*threads.Unit); err != nil {
		return 0, err
	}
	if n == 3 {
		return 0, errors.New("3 is unlucky")
	}
	return n * n, nil
}

func main() {
	fmt.Printf("inputs %v: each goroutine sleeps n × %v, then returns n*n\n", inputs, threads.Unit)

	fmt.Println("\n== a channel (Python's queue.Queue): results in the order they finish ==")
	fmt.Println(threads.ResultsByChannel(inputs, square))

	fmt.Println("\n== a slice, each goroutine writes its own element: results in the order of the inputs ==")
	fmt.Println(threads.ResultsByIndex(inputs, square))

	fmt.Println("\n== errgroup: 3 fails after its sleep, and the first error cancels the others ==")
	start := time.Now()
	results, err := threads.ResultsWithErrgroup(context.Background(), inputs, squareUnlessThree)
	fmt.Println("results:", results, "error:", err)
	fmt.Printf("returned after %v, when input 3 failed, not after the %v that input 4 sleeps\n",
		time.Since(start).Round(10*time.Millisecond), 4*threads.Unit)
}
