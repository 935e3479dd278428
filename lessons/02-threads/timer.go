package threads

import "time"

// Timer runs a function in its own goroutine after a delay: Python's
// threading.Timer. It is time.AfterFunc with an owner: time.AfterFunc
// starts a goroutine that nothing waits for, and Timer adds the Wait that
// joins it.
type Timer struct {
	timer *time.Timer
	done  chan struct{} // closed when f has returned, or will never run
}

// AfterFunc starts a Timer that calls f in a new goroutine once d has
// passed: threading.Timer(d, f).start().
func AfterFunc(d time.Duration, f func()) *Timer {
	t := &Timer{done: make(chan struct{})}
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
func (t *Timer) Stop() bool {
	if t.timer.Stop() {
		close(t.done) // f will never run: nothing left to wait for
		return true
	}
	return false
}

// Wait blocks until f has returned, or returns at once if Stop stopped it
// from running: Python's Timer.join().
func (t *Timer) Wait() { <-t.done }

// Done returns a channel that is closed when Wait would return, for use in
// a select.
func (t *Timer) Done() <-chan struct{} { return t.done }
