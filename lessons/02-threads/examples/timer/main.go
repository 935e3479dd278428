// Command timer is Python's threading.Timer: a function that runs in its
// own goroutine after a delay, a timer cancelled before it fires, and the
// join that waits for the function, which time.AfterFunc alone lacks.
package main

import (
	"fmt"
	"time"
)

// timer runs a function in its own goroutine after a delay: Python's
// threading.Timer. It is time.AfterFunc with an owner: time.AfterFunc
// starts a goroutine that nothing waits for, and timer adds the Wait that
// joins it.
type timer struct {
	timer *time.Timer
	done  chan struct{} // closed when f has returned, or will never run
}

// afterFunc starts a timer that calls f in a new goroutine once d has
// passed: threading.Timer(d, f).start().
func afterFunc(d time.Duration, f func()) *timer {
	t := &timer{done: make(chan struct{})}
	t.timer = time.AfterFunc(d, func() {
		defer close(t.done)
		f()
	})
	return t
}

// Stop cancels the timer: Python's Timer.cancel(). It reports whether it
// stopped f from running; false means that f has already started (or
// finished). Stop does not wait for a running f: cancel and join are
// separate steps, and Wait is the join.
func (t *timer) Stop() bool {
	if t.timer.Stop() {
		close(t.done) // f will never run: nothing left to wait for
		return true
	}
	return false
}

// Wait blocks until f has returned, or returns at once if Stop stopped it
// from running: Python's Timer.join().
func (t *timer) Wait() { <-t.done }

// Done returns a channel that is closed when Wait would return, for use in
// a select.
func (t *timer) Done() <-chan struct{} { return t.done }

func main() {
	start := time.Now()
	t := afterFunc(300*time.Millisecond, func() {
		fmt.Printf("hello from the timer's goroutine, %v after the start\n", time.Since(start).Round(10*time.Millisecond))
	})
	fmt.Println("timer set for 300ms; main goes on")
	t.Wait() // t.join()
	fmt.Println("joined the timer; Stop() now says", t.Stop(), "(too late: it has run)")

	start = time.Now()
	t = afterFunc(time.Second, func() { fmt.Println("this line is never printed") })
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
