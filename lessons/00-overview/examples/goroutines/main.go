// Command goroutines is multithreading.py: the squares and the cubes each in
// a goroutine of their own, started together and then both waited for, so
// the whole run takes the time of one loop.
package main

import (
	"flag"
	"fmt"
	"strconv"
	"sync"
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
	var wg sync.WaitGroup
	wg.Go(func() { calcSquare(arr) }) // t1 = threading.Thread(target=calc_square, args=(arr,)); t1.start()
	wg.Go(func() { calcCube(arr) })   // t2 = threading.Thread(target=calc_cube, args=(arr,)); t2.start()
	wg.Wait()                         // t1.join(); t2.join()
	fmt.Println("It takes", time.Since(start).Round(time.Millisecond))

	fmt.Print("\n", tl.Chart(timeline.DefaultWidth))
}
