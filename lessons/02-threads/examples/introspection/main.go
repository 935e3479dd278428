// Command introspection answers the Python notebook's questions about
// threads for goroutines: which one is the main one, what the current one
// is called, which ones are alive and how many.
package main

import (
	"context"
	"fmt"
	"log"
	"runtime"
	"strings"
	"sync"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

func main() {
	// threading.main_thread(): the goroutine that runs main. Go has no
	// handle on it; give it a name so that it shows in the listing.
	ctx := threads.NameMain(context.Background(), "main")
	fmt.Println("current goroutine:", threads.Name(ctx))
	fmt.Println("live goroutines:", runtime.NumGoroutine())

	var wg sync.WaitGroup
	stop := make(chan struct{})
	for _, name := range []string{"downloader-1", "downloader-2"} {
		started := make(chan struct{})
		threads.GoNamed(ctx, &wg, name, func(ctx context.Context) {
			fmt.Println("  started:", threads.Name(ctx))
			close(started)
			<-stop
		})
		<-started
		fmt.Println("live goroutines:", runtime.NumGoroutine())
	}
	names, err := threads.LiveGoroutines()
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
