// Command start-join is the Python notebook's two sleeping threads: each
// prints its name before and after sleeping, the main goroutine prints how
// many goroutines are alive after each start, then joins both.
package main

import (
	"context"
	"fmt"
	"log"
	"os"
	"runtime"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

func main() {
	fmt.Println("live goroutines at start:", runtime.NumGoroutine())
	start := time.Now()
	if err := threads.Sleepers(context.Background(), os.Stdout, 200*time.Millisecond, 300*time.Millisecond); err != nil {
		log.Fatal(err)
	}
	fmt.Println("It takes", time.Since(start).Round(time.Millisecond))
}
