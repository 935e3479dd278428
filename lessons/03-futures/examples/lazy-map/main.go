// Command lazy-map runs one task per argument over a long input, twice:
// eagerly, submitting every task before taking the first result (Python's
// map before 3.14), and lazily, with Map and a buffer (3.14's buffersize).
// It counts the tasks in flight and measures the heap. -n sets the input's
// length.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"runtime"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// identity does no work: what the program measures is the bookkeeping.
var identity = processes.Register("identity", func(_ context.Context, n int) (int, error) { return n, nil })

func main() {
	processes.RunChildIfRequested()
	n := flag.Int("n", 200_000, "how many arguments")
	flag.Parse()
	ctx := context.Background()
	pool, err := futures.NewThreadPool(4)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	var ms runtime.MemStats
	heapMB := func() float64 {
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapAlloc) / (1 << 20)
	}
	fmt.Printf("%d arguments, a thread pool of %d workers\n", *n, pool.Workers())

	// Eager: every task is submitted before the first result is taken.
	runtime.GC()
	start := time.Now()
	var fs []*futures.Future[int]
	for i := range *n {
		f, err := futures.Submit(ctx, pool, identity, i)
		if err != nil {
			log.Fatal(err)
		}
		fs = append(fs, f)
	}
	peak := heapMB()
	fmt.Printf("\neager: %d futures exist before the first result is taken\n", len(fs))
	sum := 0
	for _, f := range fs {
		v, err := f.Result(ctx)
		if err != nil {
			log.Fatal(err)
		}
		sum += v
	}
	fmt.Printf("eager: sum %d in %v; heap at its peak %.1f MB\n", sum, time.Since(start).Round(time.Millisecond), peak)
	fs = nil

	// Lazy: Map reads an argument only when it has room for its task.
	runtime.GC()
	start = time.Now()
	read, taken, most := 0, 0, 0
	args := func(yield func(int) bool) {
		for i := range *n {
			read++
			most = max(most, read-taken)
			if !yield(i) {
				return
			}
		}
	}
	results := futures.Map(ctx, pool, identity, args, futures.WithBuffer(8))
	fmt.Printf("\nlazy: Map has returned, and has read %d arguments\n", read)
	sum, peak = 0, 0
	for v, err := range results {
		if err != nil {
			log.Fatal(err)
		}
		taken++
		sum += v
		if taken%(1<<14) == 0 {
			peak = max(peak, heapMB())
		}
	}
	fmt.Printf("lazy: at most %d arguments read and their results not yet taken\n", most)
	fmt.Printf("lazy: sum %d in %v; heap at its peak %.1f MB\n", sum, time.Since(start).Round(time.Millisecond), peak)
}
