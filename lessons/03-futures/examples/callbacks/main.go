// Command callbacks adds done-callbacks to futures of a process pool: they
// are closures, and they run in this process, in the order they were
// added; one added to a future that is done already runs at once.
package main

import (
	"context"
	"fmt"
	"log"
	"sync"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// square takes n tenths of a second, in a worker process.
var square = processes.Register("square", func(_ context.Context, n int) (int, error) {
	time.Sleep(time.Duration(n) * 100 * time.Millisecond)
	return n * n, nil
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()
	pool, err := futures.NewProcessPool(3)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	var callbacks sync.WaitGroup // Done is closed before the callbacks run: wait for them yourself
	var fs []*futures.Future[int]
	for _, n := range []int{3, 1, 2} {
		f, err := futures.Submit(ctx, pool, square, n)
		if err != nil {
			log.Fatal(err)
		}
		callbacks.Add(2)
		f.AddDoneCallback(func(f *futures.Future[int]) {
			defer callbacks.Done()
			v, err := f.Result(ctx) // done: Result does not wait
			fmt.Printf("callback 1: square(%d) = %d, %v; it runs in %s\n", n, v, err, processes.Current().Name)
		})
		f.AddDoneCallback(func(*futures.Future[int]) {
			defer callbacks.Done()
			fmt.Printf("callback 2: square(%d)\n", n)
		})
		fs = append(fs, f)
	}
	callbacks.Wait()

	fmt.Println("\nadding a callback to a future that is done:")
	fs[0].AddDoneCallback(func(*futures.Future[int]) { fmt.Println("  it runs at once, on this goroutine") })
	fmt.Println("  AddDoneCallback has returned")
}
