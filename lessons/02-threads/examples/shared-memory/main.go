// Command shared-memory has goroutines increment one counter: without
// synchronisation (a data race that loses increments), with a mutex, with
// sync/atomic, and with the count confined to one goroutine.
//
// Run one part with an argument: racy, mutex, atomic or confined; -incs
// sets how many times each goroutine increments.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

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
			count("racy", &threads.RacyCounter{}, *incs)
		case "mutex":
			count("mutex", &threads.MutexCounter{}, *incs)
		case "atomic":
			count("atomic", &threads.AtomicCounter{}, *incs)
		case "confined":
			c := threads.NewConfinedCounter()
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
func count(name string, c threads.Counter, incs int) {
	start := time.Now()
	var running atomic.Int32
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			// Wait at the start line until every goroutine is running, so
			// that they really increment at the same time.
			running.Add(1)
			for running.Load() < goroutines {
				runtime.Gosched()
			}
			for range incs {
				c.Inc()
			}
		})
	}
	wg.Wait()
	got := c.Value()
	fmt.Printf("%-10s counted %d of %d, lost %d, in %v\n",
		name+":", got, goroutines*incs, goroutines*incs-got, time.Since(start).Round(time.Millisecond))
}
