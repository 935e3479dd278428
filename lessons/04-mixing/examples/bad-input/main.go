// Command bad-input gives the lesson's library, mixing.Map, what it must
// refuse or survive: no processes, no goroutines, more processes than
// items, and a child that dies in the middle of its batch.
package main

import (
	"context"
	"fmt"
	"os"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	mixing "github.com/gophertutor/concurrency/lessons/04-mixing"
)

// square squares n; -1 makes its whole process exit with code 3.
var square = mixing.Register("square", func(_ context.Context, n int) (int, error) {
	if n == -1 {
		os.Exit(3)
	}
	return n * n, nil
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()

	_, err := mixing.Map(ctx, square, []int{1, 2, 3}, 0, 3)
	fmt.Println("0 processes:", err)
	_, err = mixing.Map(ctx, square, []int{1, 2, 3}, 2, 0)
	fmt.Println("0 goroutines:", err)

	workers, err := mixing.Map(ctx, mixing.Where, []int{1, 2}, 5, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("2 items on 5 processes: %d processes ran them, one goroutine each: %v\n",
		len(map[int]bool{workers[0].PID: true, workers[1].PID: true}), workers[0].Goroutine == 0 && workers[1].Goroutine == 0)

	// [1 2 -1 4] in the first child, one goroutine: 1 and 2 are done and
	// sent when -1 ends the child; [5 6 7] in the second.
	squares, err := mixing.Map(ctx, square, []int{1, 2, -1, 4, 5, 6, 7}, 2, 1)
	fmt.Println("a child that dies mid-batch:", squares)
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		fmt.Println(" ", e)
	}
}
