// Command start-join is the Python notebook's two sleeping threads: each
// goroutine prints its name before and after sleeping, the main goroutine
// prints how many goroutines are alive after each start, then joins both.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	fmt.Println("live goroutines at start:", runtime.NumGoroutine())
	start := time.Now()

	var wg sync.WaitGroup
	for i, nap := range []time.Duration{200 * time.Millisecond, 300 * time.Millisecond} {
		name := fmt.Sprintf("worker-%d", i+1) // goroutines have no names: give each its own
		// Python's Thread.start() returns once the thread runs; the go
		// statement returns at once. To know that the goroutine is
		// running, wait for it to say so.
		started := make(chan struct{})
		wg.Go(func() { // threading.Thread(target=..., name=name).start()
			fmt.Printf("%s: started, going to sleep for %v\n", name, nap)
			close(started)
			time.Sleep(nap)
			fmt.Printf("%s: woke up\n", name)
		})
		<-started
		fmt.Println("live goroutines:", runtime.NumGoroutine()) // threading.active_count()
	}
	wg.Wait() // t1.join(); t2.join()
	fmt.Println("joined every worker")
	fmt.Println("It takes", time.Since(start).Round(time.Millisecond))
}
