// Command os-threads shows that a goroutine is not an OS thread: ten
// thousand sleeping goroutines need a handful of threads, while goroutines
// wired to their threads with runtime.LockOSThread, as Python threads are,
// need one thread each.
package main

import (
	"context"
	"fmt"
	"log"
	"runtime"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

func main() {
	ctx := context.Background()
	fmt.Printf("GOMAXPROCS = %d: at most that many threads run Go code at once (NumCPU = %d)\n",
		runtime.GOMAXPROCS(0), runtime.NumCPU())
	fmt.Printf("OS threads created so far: %d\n", threads.ThreadsCreated())

	const sleepers, nap = 10_000, 200 * time.Millisecond
	start := time.Now()
	census, err := threads.SleepingGoroutines(ctx, sleepers, nap, false)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\n%d goroutines asleep: %d live goroutines\n", sleepers, census.Goroutines)
	fmt.Printf("OS threads created so far: %d\n", census.Threads)
	fmt.Printf("fewer than one thread per hundred goroutines: %v\n", census.Threads < sleepers/100)
	fmt.Printf("each slept %v; all of them together took %v\n", nap, time.Since(start).Round(10*time.Millisecond))

	const locked = 100
	census, err = threads.SleepingGoroutines(ctx, locked, nap, true)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\n%d goroutines asleep, each locked to its OS thread: %d live goroutines\n", locked, census.Goroutines)
	fmt.Printf("OS threads created so far: %d\n", census.Threads)
	fmt.Printf("at least one thread per locked goroutine: %v\n", census.Threads > locked)
}
