package exercises

import "github.com/gophertutor/concurrency/lessons/internal/exercise"

// ParallelSum is exercise 4. Split nums into workers contiguous parts (as
// even as they can be), sum each part with sum in its own goroutine, all at
// the same time, and return the total.
//
// sum stands for CPU-bound work, like busyLoop in the cpu-bound example:
// one goroutine per CPU keeps every CPU busy, and more would only add
// overhead. Every number must be summed exactly once, whatever len(nums).
func ParallelSum(nums []int, workers int, sum func(part []int) int) int {
	exercise.TODO() // replace this line with your answer
	return 0
}
