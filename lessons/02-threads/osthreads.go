package threads

import (
	"context"
	"fmt"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

// ThreadsCreated is the number of OS threads the Go runtime has created
// since the program started: the count of runtime/pprof's threadcreate
// profile. The runtime keeps idle threads for reuse, so the figure only
// grows.
func ThreadsCreated() int {
	return pprof.Lookup("threadcreate").Count()
}

// Census is what SleepingGoroutines counted while all its goroutines were
// parked.
type Census struct {
	// Goroutines is runtime.NumGoroutine(): every live goroutine of the
	// program, the caller's included.
	Goroutines int
	// Threads is ThreadsCreated(): the OS threads created so far.
	Threads int
}

// SleepingGoroutines starts n goroutines that each sleep for d, and waits
// for all of them. It takes a Census once every one has started: each
// waits at a start line (a channel receive, which parks a goroutine just as
// a sleep does) until the census is taken, then sleeps. A parked goroutine
// holds no OS thread, so the thread count stays near GOMAXPROCS however
// large n is.
//
// With lockThread, each goroutine first calls runtime.LockOSThread, which
// wires it to its OS thread as a Python thread is: then every sleeper holds
// a thread of its own, and the runtime has to create one per goroutine.
//
// If ctx is cancelled the sleepers wake up early and it returns ctx.Err().
func SleepingGoroutines(ctx context.Context, n int, d time.Duration, lockThread bool) (Census, error) {
	var started, wg sync.WaitGroup
	startLine := make(chan struct{})
	errs := make([]error, n) // each sleeper writes only its own element
	started.Add(n)
	for i := range n {
		wg.Go(func() {
			if lockThread {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			started.Done()
			<-startLine
			errs[i] = overview.Sleep(ctx, d)
		})
	}
	started.Wait()
	census := Census{Goroutines: runtime.NumGoroutine(), Threads: ThreadsCreated()}
	close(startLine)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return census, fmt.Errorf("sleeping goroutines: %w", err)
		}
	}
	return census, nil
}
