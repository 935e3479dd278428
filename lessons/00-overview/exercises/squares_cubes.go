package exercises

import "github.com/gophertutor/concurrency/lessons/internal/exercise"

// SquaresAndCubes is exercise 1. Apply square to every number and cube to
// every number, with the square loop and the cube loop running at the same
// time, each in its own goroutine. Wait for both, and return both results in
// the order of nums.
//
// This is multithreading.py from the lesson, with the results brought back:
// the check hands you square and cube functions that only return when both
// loops are really running side by side.
func SquaresAndCubes(nums []int, square, cube func(int) int) (squares, cubes []int) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
