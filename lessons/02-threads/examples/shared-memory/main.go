// Command shared-memory has goroutines increment one counter: without
// synchronisation (a data race that loses increments), with a mutex, with
// sync/atomic, and with the count confined to one goroutine.
//
// Run one part with an argument: racy, mutex, atomic or confined; -incs
// sets how many times each goroutine increments.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// counter is a count that many goroutines increment at once.
type counter interface {
	Inc()
	Value() int
}

// racyCounter is the broken one, kept to be shown: a plain int that Inc
// increments with no synchronisation. n++ reads, adds and writes; when two
// goroutines read the same n, both write n+1 and one increment is lost.
// This is a data race, which go run -race and go test -race report.
type racyCounter struct {
	n int
}

// Inc adds one, unsafely.
func (c *racyCounter) Inc() { c.n++ }

// Value returns the count, unsafely.
func (c *racyCounter) Value() int { return c.n }

// mutexCounter is the fix with a lock: Python's threading.Lock. The
// mutex guards n; every access to n holds it.
type mutexCounter struct {
	mu sync.Mutex
	n  int
}

// Inc adds one.
func (c *mutexCounter) Inc() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

// Value returns the count.
func (c *mutexCounter) Value() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// atomicCounter is the fix with sync/atomic: the processor adds one in a
// single indivisible step. It is the fastest fix for one number, and only
// for one: two atomic fields that must change together are still racy as a
// pair, which is what a mutex is for.
type atomicCounter struct {
	n atomic.Int64
}

// Inc adds one.
func (c *atomicCounter) Inc() { c.n.Add(1) }

// Value returns the count.
func (c *atomicCounter) Value() int { return int(c.n.Load()) }

// confinedCounter is the fix without sharing: one goroutine owns n, and
// the others ask it to increment or report n by sending it messages over
// channels. "Do not communicate by sharing memory; share memory by
// communicating." Close stops the owner goroutine; after that nobody is
// left to answer, and Inc and Value panic instead of waiting for ever.
type confinedCounter struct {
	incs  chan struct{}
	reads chan chan int
	stop  chan struct{}
	done  chan struct{}
}

// newConfinedCounter starts the goroutine that owns the count. The caller
// must Close the counter when every Inc and Value has returned.
func newConfinedCounter() *confinedCounter {
	c := &confinedCounter{
		incs:  make(chan struct{}),
		reads: make(chan chan int),
		stop:  make(chan struct{}),
		done:  make(chan struct{}),
	}
	go c.own()
	return c
}

// own is the only goroutine that touches n.
func (c *confinedCounter) own() {
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
var errClosed = errors.New("shared-memory: the confined counter is used after Close")

// Inc adds one. It panics if the counter is closed: the owner goroutine
// that would receive the message has gone (a plain send would block for
// ever).
func (c *confinedCounter) Inc() {
	select {
	case c.incs <- struct{}{}:
	case <-c.done:
		panic(errClosed)
	}
}

// Value returns the count. It panics if the counter is closed, like Inc.
func (c *confinedCounter) Value() int {
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
func (c *confinedCounter) Close() {
	close(c.stop)
	<-c.done
}

// goroutines increment the counter at the same time.
const goroutines = 2

func main() {
	// The race detector sees the race whether or not an increment is lost,
	// and makes the program several times slower: under it, run a few.
	incs := flag.Int("incs", 2_000_000, "increments per goroutine (the confined counter, which pays for a channel hand-off per increment, does a tenth)")
	flag.Parse()
	parts := flag.Args()
	if len(parts) == 0 {
		parts = []string{"racy", "mutex", "atomic", "confined"}
	}
	fmt.Printf("%d goroutines increment one counter at the same time\n", goroutines)
	for _, part := range parts {
		switch part {
		case "racy":
			count("racy", &racyCounter{}, *incs)
		case "mutex":
			count("mutex", &mutexCounter{}, *incs)
		case "atomic":
			count("atomic", &atomicCounter{}, *incs)
		case "confined":
			c := newConfinedCounter()
			count("confined", c, *incs/10)
			c.Close()
		default:
			fmt.Fprintf(os.Stderr, "unknown part %q: use racy, mutex, atomic or confined\n", part)
			os.Exit(2)
		}
	}
}

// count has goroutines goroutines call c.Inc incs times each, all at the
// same time, and prints how many increments c kept.
func count(name string, c counter, incs int) {
	start := time.Now()
	got := incrementAtOnce(c, goroutines, incs)
	fmt.Printf("%-10s counted %d of %d, lost %d, in %v\n",
		name+":", got, goroutines*incs, goroutines*incs-got, time.Since(start).Round(time.Millisecond))
}

// incrementAtOnce has n goroutines call c.Inc incs times each, all at the
// same time, and returns c.Value() once every one has finished.
func incrementAtOnce(c counter, n, incs int) int {
	var running atomic.Int32
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			// Wait at the start line until every goroutine is running, so
			// that they really increment at the same time.
			running.Add(1)
			for running.Load() < int32(n) {
				runtime.Gosched()
			}
			for range incs {
				c.Inc()
			}
		})
	}
	wg.Wait()
	return c.Value()
}
