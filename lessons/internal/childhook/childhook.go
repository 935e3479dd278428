// Package childhook lets the lessons' checks see lesson 01's library start
// and reap child processes, as the standard library's testHook variables
// (net/http's, for one) let its tests see inside. With them a check knows,
// without the clock, what this process looked like as each child started
// (its working directory, its environment: what the child inherits), and
// when a child is gone; and it can hold the news of a child's exit, which
// keeps Process.Wait and Pool.Join waiting until it lets go: code that
// returns meanwhile did not wait for its children. Nothing else uses it.
package childhook

import "sync"

// Hooks are the calls the library makes, in the parent. Each may be nil.
type Hooks struct {
	// Starting is called just before a child starts, from the goroutine
	// that starts it.
	Starting func()
	// Reaped is called once a child has exited and the library has
	// collected its status and what it sent, before Wait, Join or anything
	// else waiting for the child hears of it. It may block: they wait too.
	Reaped func(pid int)
	// Told is called once those waiting for the child have been told.
	Told func(pid int)
}

var (
	mu    sync.Mutex
	hooks Hooks
)

// Set makes the library call h from now on, until restore is called.
func Set(h Hooks) (restore func()) {
	mu.Lock()
	defer mu.Unlock()
	old := hooks
	hooks = h
	return func() {
		mu.Lock()
		defer mu.Unlock()
		hooks = old
	}
}

func current() Hooks {
	mu.Lock()
	defer mu.Unlock()
	return hooks
}

// Starting reports that a child is about to start.
func Starting() {
	if f := current().Starting; f != nil {
		f()
	}
}

// Reaped reports that the child pid has exited, before its waiters hear.
func Reaped(pid int) {
	if f := current().Reaped; f != nil {
		f(pid)
	}
}

// Told reports that the waiters of the child pid have heard of its exit.
func Told(pid int) {
	if f := current().Told; f != nil {
		f(pid)
	}
}
