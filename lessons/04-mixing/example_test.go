package mixing_test

import (
	"context"
	"fmt"

	mixing "github.com/gophertutor/concurrency/lessons/04-mixing"
)

// Five items on two child processes of three goroutines each: [1 2 3] in
// one, [4 5] in the other, the results in the order of the items.
func ExampleMap() {
	squares, err := mixing.Map(context.Background(), mixing.Square, []int{1, 2, 3, 4, 5}, 2, 3)
	fmt.Println(squares, err)
	// Output: [1 4 9 16 25] <nil>
}

// Each item can see where it runs: which child, and which of its
// goroutines (which goroutine takes which item is the scheduler's
// choice, so this prints only what is certain).
func ExampleCurrent() {
	workers, err := mixing.Map(context.Background(), mixing.Where, make([]int, 4), 2, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("items 0 and 1 in one child:", workers[0].PID == workers[1].PID)
	fmt.Println("items 2 and 3 in another:", workers[2].PID == workers[3].PID && workers[2].PID != workers[0].PID)
	fmt.Println("on goroutine 0 or 1:", workers[0].Goroutine < 2 && workers[3].Goroutine < 2)
	// Output:
	// items 0 and 1 in one child: true
	// items 2 and 3 in another: true
	// on goroutine 0 or 1: true
}
