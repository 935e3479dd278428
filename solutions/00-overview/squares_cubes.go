package solutions

import "sync"

// SquaresAndCubes is the answer to exercise 1: one goroutine per loop, each
// filling its own slice, and the caller waits for both before reading them.
func SquaresAndCubes(nums []int, square, cube func(int) int) (squares, cubes []int) {
	squares = make([]int, len(nums))
	cubes = make([]int, len(nums))
	var wg sync.WaitGroup
	wg.Go(func() {
		for i, n := range nums {
			squares[i] = square(n)
		}
	})
	wg.Go(func() {
		for i, n := range nums {
			cubes[i] = cube(n)
		}
	})
	wg.Wait() // after Wait, both goroutines' writes are visible here
	return squares, cubes
}
