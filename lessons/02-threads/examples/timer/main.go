// Command timer is Python's threading.Timer: a function that runs in its
// own goroutine after a delay, a timer cancelled before it fires, and the
// join that waits for the function.
package main

import (
	"fmt"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

func main() {
	start := time.Now()
	t := threads.AfterFunc(300*time.Millisecond, func() {
		fmt.Printf("hello from the timer's goroutine, %v after the start\n", time.Since(start).Round(10*time.Millisecond))
	})
	fmt.Println("timer set for 300ms; main goes on")
	t.Wait() // t.join()
	fmt.Println("joined the timer; Stop() now says", t.Stop(), "(too late: it has run)")

	start = time.Now()
	t = threads.AfterFunc(300*time.Millisecond, func() { fmt.Println("this line is never printed") })
	time.Sleep(100 * time.Millisecond)
	fmt.Println("a second timer, cancelled after 100ms: Stop() says", t.Stop())
	t.Wait() // returns at once: the function will never run
	fmt.Printf("joined it after %v: its function never ran\n", time.Since(start).Round(10*time.Millisecond))
}
