// Command os-threads shows that a goroutine is not an OS thread: ten
// thousand sleeping goroutines need a handful of threads, while goroutines
// wired to their threads with runtime.LockOSThread, as Python threads are,
// need one thread each; and a thread whose goroutine ends while wired to it
// ends too.
package main

import (
	"fmt"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// osThreads is the count of runtime/pprof's threadcreate profile: the OS
// threads of the runtime that exist now, busy or idle. (Its name
// notwithstanding, a thread that has ended leaves the count.)
func osThreads() int { return pprof.Lookup("threadcreate").Count() }

// sleeping starts n goroutines that each sleep for d, counts the live
// goroutines and the OS threads once every one has started, then waits for
// them. Each waits at a start line (a channel receive, which parks a
// goroutine just as a sleep does) until the count is taken. With lock, each
// first calls runtime.LockOSThread, which wires it to its thread as a
// Python thread is; it unlocks when it is done.
func sleeping(n int, d time.Duration, lock bool) (goroutines, threads int) {
	var started, wg sync.WaitGroup
	startLine := make(chan struct{})
	started.Add(n)
	for range n {
		wg.Go(func() {
			if lock {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			started.Done()
			<-startLine
			time.Sleep(d)
		})
	}
	started.Wait()
	goroutines, threads = runtime.NumGoroutine(), osThreads()
	close(startLine)
	wg.Wait()
	return goroutines, threads
}

// endLocked starts n goroutines that lock their thread and end without
// unlocking it, which makes the runtime end the thread with them. It
// returns the thread count while they run, and once most of those threads
// have left the count (a thread ends a moment after its goroutine; it waits
// a second at most).
func endLocked(n int) (during, after int) {
	var started, wg sync.WaitGroup
	end := make(chan struct{})
	started.Add(n)
	for range n {
		wg.Go(func() {
			runtime.LockOSThread() // and no UnlockOSThread: the thread ends with the goroutine
			started.Done()
			<-end
		})
	}
	started.Wait()
	during = osThreads()
	close(end)
	wg.Wait()
	deadline := time.Now().Add(time.Second)
	for after = osThreads(); after > during-n/2 && time.Now().Before(deadline); after = osThreads() {
		time.Sleep(time.Millisecond)
	}
	return during, after
}

func main() {
	fmt.Printf("GOMAXPROCS = %d: at most that many threads run Go code at once (NumCPU = %d)\n",
		runtime.GOMAXPROCS(0), runtime.NumCPU())
	fmt.Printf("OS threads: %d\n", osThreads())

	const sleepers, nap = 10_000, 200 * time.Millisecond
	start := time.Now()
	goroutines, threads := sleeping(sleepers, nap, false)
	fmt.Printf("\n%d goroutines asleep: %d live goroutines\n", sleepers, goroutines)
	fmt.Printf("OS threads: %d\n", threads)
	fmt.Printf("fewer than one thread per hundred goroutines: %v\n", threads < sleepers/100)
	fmt.Printf("each slept %v; all of them together took %v\n", nap, time.Since(start).Round(10*time.Millisecond))

	const locked = 100
	goroutines, threads = sleeping(locked, nap, true)
	fmt.Printf("\n%d goroutines asleep, each locked to its OS thread: %d live goroutines\n", locked, goroutines)
	fmt.Printf("OS threads: %d\n", threads)
	fmt.Printf("at least one thread per locked goroutine: %v\n", threads > locked)
	idle := osThreads()
	fmt.Printf("after they unlocked and ended, the runtime keeps their threads for reuse: %d threads, %v\n", idle, idle > locked)

	const ending = 50
	during, after := endLocked(ending)
	fmt.Printf("\n%d goroutines locked to their threads end without unlocking: %d threads while they ran (idle ones reused), %d after\n",
		ending, during, after)
	fmt.Printf("their threads ended with them and left the count: %v\n", after <= during-ending/2)
}
