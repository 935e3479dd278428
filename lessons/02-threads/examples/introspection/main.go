// Command introspection answers the Python notebook's questions about
// threads for goroutines: which one is the main one, what the current one
// is called, which ones are alive and how many.
package main

import (
	"context"
	"fmt"
	"log"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

// name reads a goroutine's name from its context: Python's
// threading.current_thread().name. A goroutine cannot ask the runtime who
// it is.
func name(ctx context.Context) string {
	n, _ := pprof.Label(ctx, threads.NameLabel)
	return n
}

func main() {
	// threading.main_thread(): the goroutine that runs main. Go has no
	// handle on it; give it a name, a runtime/pprof label, so that it
	// shows in the listing.
	ctx := pprof.WithLabels(context.Background(), pprof.Labels(threads.NameLabel, "main"))
	pprof.SetGoroutineLabels(ctx)
	fmt.Println("current goroutine:", name(ctx))
	fmt.Println("live goroutines:", runtime.NumGoroutine())

	var wg sync.WaitGroup
	stop := make(chan struct{})
	for _, n := range []string{"downloader-1", "downloader-2"} {
		started := make(chan struct{})
		wg.Go(func() { // threading.Thread(name=n, target=...).start()
			// pprof.Do runs the function with the label set on this
			// goroutine (and on the goroutines it starts).
			pprof.Do(ctx, pprof.Labels(threads.NameLabel, n), func(ctx context.Context) {
				fmt.Println("  started:", name(ctx))
				close(started)
				<-stop
			})
		})
		<-started
		fmt.Println("live goroutines:", runtime.NumGoroutine()) // threading.active_count()
	}
	names, err := threads.LiveGoroutines() // threading.enumerate()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("live goroutines by name:", strings.Join(names, ", "))
	close(stop) // cancel,
	wg.Wait()   // then join
	fmt.Println("joined both")

	// Broken on purpose: a goroutine nobody waits for. Python waits for
	// its (non-daemon) threads before the program exits; Go does not wait
	// for any goroutine. When main returns, the program ends.
	go func() {
		time.Sleep(100 * time.Millisecond)
		fmt.Println("this line is never printed")
	}()
	fmt.Println("main returns without waiting for the goroutine still asleep")
}
