// Command shared-memory shows what processes and goroutines share: a child
// process appends to its own copy of a global (the seed's empty
// square_result), a goroutine appends to the program's one copy, and two
// goroutines that increment one counter without a lock lose increments.
//
// Run one part with an argument: process, goroutine, race or mutex.
// -n sets how many times each goroutine increments the counter.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sync"
)

// squareResult is the seed's global square_result.
var squareResult []int

// calcSquare is the seed's calc_square, without the sleep.
func calcSquare(numbers []int) {
	for _, n := range numbers {
		squareResult = append(squareResult, n*n)
	}
}

const childEnv = "SHARED_MEMORY_CHILD"

func main() {
	if os.Getenv(childEnv) != "" { // this copy of the program is the child
		calcSquare([]int{2, 3, 8, 9})
		fmt.Println("Inside the process, result:", squareResult)
		return
	}
	flag.IntVar(&increments, "n", increments, "increments per goroutine")
	flag.Parse()
	parts := flag.Args()
	if len(parts) == 0 {
		parts = []string{"process", "goroutine", "race", "mutex"}
	}
	for _, part := range parts {
		squareResult = nil
		switch part {
		case "process":
			inAProcess()
		case "goroutine":
			inAGoroutine()
		case "race":
			withoutALock()
		case "mutex":
			withAMutex()
		default:
			fmt.Fprintf(os.Stderr, "unknown part %q: use process, goroutine, race or mutex\n", part)
			os.Exit(2)
		}
	}
}

// inAProcess runs calcSquare in a child process: a copy of this program.
func inAProcess() {
	fmt.Println("== a child process appends to its own memory ==")
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	child := exec.Command(exe)
	child.Env = append(os.Environ(), childEnv+"=1")
	child.Stdout, child.Stderr = os.Stdout, os.Stderr
	if err := child.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(1)
	}
	fmt.Println("Outside the process, result:", squareResult)
}

// inAGoroutine runs calcSquare in a goroutine: same program, same memory.
func inAGoroutine() {
	fmt.Println("== a goroutine appends to the program's memory ==")
	var wg sync.WaitGroup
	wg.Go(func() {
		calcSquare([]int{2, 3, 8, 9})
		fmt.Println("Inside the goroutine, result:", squareResult)
	})
	wg.Wait() // everything the goroutine wrote is visible after Wait
	fmt.Println("Outside the goroutine, result:", squareResult)
}

// increments is how many times each goroutine increments the counter.
// The race detector makes a program several times slower, so runs under
// -race use fewer (-n=10000): it sees the race whether or not an
// increment is lost.
var increments = 1_000_000

// withoutALock has two goroutines increment one counter at the same time.
// counter++ reads, adds and writes: when both read the same value, one
// increment is lost. This is a data race.
func withoutALock() {
	fmt.Println("== two goroutines, one counter, no lock ==")
	counter := 0
	start := make(chan struct{}) // a start line: both begin together
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			<-start
			for range increments {
				counter++
			}
		})
	}
	close(start)
	wg.Wait()
	report("racy", counter)
}

// withAMutex is the same with the counter guarded by a mutex.
func withAMutex() {
	fmt.Println("== two goroutines, one counter, a mutex ==")
	var mu sync.Mutex
	counter := 0
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			<-start
			for range increments {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		})
	}
	close(start)
	wg.Wait()
	report("locked", counter)
}

func report(how string, counter int) {
	lost := 2*increments - counter
	fmt.Printf("%s: counter = %d, expected %d: %d increments lost\n", how, counter, 2*increments, lost)
}
