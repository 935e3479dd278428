package threads

import (
	"errors"
	"sync"
	"sync/atomic"
)

// Counter is a count that many goroutines increment at once.
type Counter interface {
	Inc()
	Value() int
}

// RacyCounter is the broken one, kept to be shown: a plain int that Inc
// increments with no synchronisation. n++ reads, adds and writes; when two
// goroutines read the same n, both write n+1 and one increment is lost.
// This is a data race, which go run -race and go test -race report.
type RacyCounter struct {
	n int
}

// Inc adds one, unsafely.
func (c *RacyCounter) Inc() { c.n++ }

// Value returns the count, unsafely.
func (c *RacyCounter) Value() int { return c.n }

// MutexCounter is the fix with a lock: Python's threading.Lock. The
// mutex guards n; every access to n holds it.
type MutexCounter struct {
	mu sync.Mutex
	n  int
}

// Inc adds one.
func (c *MutexCounter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// Value returns the count.
func (c *MutexCounter) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// AtomicCounter is the fix with sync/atomic: the processor adds one in a
// single indivisible step. It is the fastest fix for one number, and only
// for one: two atomic fields that must change together are still racy as a
// pair, which is what a mutex is for.
type AtomicCounter struct {
	n atomic.Int64
}

// Inc adds one.
func (c *AtomicCounter) Inc() { c.n.Add(1) }

// Value returns the count.
func (c *AtomicCounter) Value() int { return int(c.n.Load()) }

// ConfinedCounter is the fix without sharing: one goroutine owns n, and
// the others ask it to increment or report n by sending it messages over
// channels. "Do not communicate by sharing memory; share memory by
// communicating." Close stops the owner goroutine; after that nobody is
// left to answer, and Inc and Value panic instead of waiting for ever.
type ConfinedCounter struct {
	incs  chan struct{}
	reads chan chan int
	stop  chan struct{}
	done  chan struct{}
}

// NewConfinedCounter starts the goroutine that owns the count. The caller
// must Close the counter when every Inc and Value has returned.
func NewConfinedCounter() *ConfinedCounter {
	c := &ConfinedCounter{
		incs:  make(chan struct{}),
		reads: make(chan chan int),
		stop:  make(chan struct{}),
		done:  make(chan struct{}),
	}
	go c.own()
	return c
}

// own is the only goroutine that touches n.
func (c *ConfinedCounter) own() {
	defer close(c.done)
	n := 0
	for {
		select {
		case <-c.incs:
			n++
		case reply := <-c.reads:
			reply <- n
		case <-c.stop:
			return
		}
	}
}

// errClosed is what Inc and Value panic with after Close.
var errClosed = errors.New("threads: ConfinedCounter used after Close")

// Inc adds one. It panics if the counter is closed: the owner goroutine
// that would receive the message has gone (a plain send would block for
// ever).
func (c *ConfinedCounter) Inc() {
	select {
	case c.incs <- struct{}{}:
	case <-c.done:
		panic(errClosed)
	}
}

// Value returns the count. It panics if the counter is closed, like Inc.
func (c *ConfinedCounter) Value() int {
	reply := make(chan int, 1)
	select {
	case c.reads <- reply:
	case <-c.done:
		panic(errClosed)
	}
	return <-reply // the owner answers every request it has taken
}

// Close stops the goroutine that owns the count and waits for it to end:
// cancel (close stop), then join (wait for done). Call it once, when every
// Inc and Value has returned; Inc and Value panic after it.
func (c *ConfinedCounter) Close() {
	close(c.stop)
	<-c.done
}
