package threads_test

import (
	"context"
	"fmt"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

// Map squares the numbers with a pool of 2 workers and gives the results
// back in the order of the inputs.
func ExampleMap() {
	squares, err := threads.Map(context.Background(), 2, []int{1, 2, 3, 4, 5},
		func(_ context.Context, n int) (int, error) { return n * n, nil })
	fmt.Println(squares, err)
	// Output: [1 4 9 16 25] <nil>
}

// The syllabus' two splits of [1, 2, 3, 4] across 2 workers, and what a
// shared queue makes of the tasks, as given and longest first.
func ExampleQueueMakespan() {
	fmt.Println(threads.SplitMakespan([][]int{{1, 4}, {2, 3}}), threads.SplitMakespan([][]int{{1, 2}, {3, 4}}))
	fmt.Println(threads.QueueMakespan(threads.Work, 2), threads.QueueMakespan(threads.LongestFirst(threads.Work), 2))
	// Output:
	// 5 7
	// 6 5
}
