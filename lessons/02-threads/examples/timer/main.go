// Command timer is Python's threading.Timer: a function that runs in its
// own goroutine after a delay, a timer cancelled before it fires, and the
// join that waits for the function, which time.AfterFunc alone lacks.
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
	t = threads.AfterFunc(time.Second, func() { fmt.Println("this line is never printed") })
	time.Sleep(100 * time.Millisecond)
	fmt.Println("a second timer, set for 1s and cancelled after 100ms: Stop() says", t.Stop())
	t.Wait() // returns at once: the function will never run
	fmt.Printf("joined it after %v: its function never ran\n", time.Since(start).Round(10*time.Millisecond))

	// Broken on purpose: time.AfterFunc alone. Its function runs in a
	// goroutine that nobody can wait for: Stop says false once it has
	// started, and nothing says when it is done. main returns, and the
	// program ends with it, halfway through the function.
	running := make(chan struct{})
	raw := time.AfterFunc(10*time.Millisecond, func() {
		close(running)
		time.Sleep(100 * time.Millisecond)
		fmt.Println("this line is never printed")
	})
	<-running // (only to know that it has started: time.AfterFunc gives no way to know when it ends)
	fmt.Println("time.AfterFunc alone: Stop() says", raw.Stop(), "(it has started), and there is no Wait: main returns")
}
