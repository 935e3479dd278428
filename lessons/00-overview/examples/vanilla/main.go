// Command vanilla is vanilla.py: the squares, then the cubes, one after the
// other. Each function pauses before each number, as the Python's
// time.sleep(0.2) does, so the whole run takes 8 × 0.2 s.
package main

import (
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
)

var (
	delay = flag.Duration("delay", 200*time.Millisecond, "pause before each number")
	tl    = timeline.New("square", "cube") // draws what ran when, at the end
)

// calcSquare is the seed's calc_square.
func calcSquare(numbers []int) {
	fmt.Println("calculate square numbers")
	for _, n := range numbers {
		end := tl.Begin("square", strconv.Itoa(n*n))
		time.Sleep(*delay)
		fmt.Println("square:", n*n)
		end()
	}
}

// calcCube is the seed's calc_cube.
func calcCube(numbers []int) {
	fmt.Println("calculate cube of numbers")
	for _, n := range numbers {
		end := tl.Begin("cube", strconv.Itoa(n*n*n))
		time.Sleep(*delay)
		fmt.Println("cube:", n*n*n)
		end()
	}
}

func main() {
	flag.Parse()
	arr := []int{2, 3, 8, 9}

	start := time.Now()
	calcSquare(arr) // first all the squares,
	calcCube(arr)   // then all the cubes
	fmt.Println("It takes", time.Since(start).Round(time.Millisecond))

	fmt.Print("\n", tl.Chart(timeline.DefaultWidth))
}
