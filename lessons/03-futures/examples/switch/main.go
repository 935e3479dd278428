// Command switch runs one program on either kind of executor: the
// one-word switch of Python's concurrent.futures. Run it as it is (a
// thread pool) and with -processes (a process pool).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"slices"
	"sync/atomic"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// calls counts the calls of square in the process that runs them.
var calls atomic.Int64

// square takes a tenth of a second, counts itself, and says where it ran.
var square = processes.Register("square", func(ctx context.Context, n int) (Square, error) {
	time.Sleep(100 * time.Millisecond)
	calls.Add(1)
	return Square{N: n * n, Worker: futures.Current(ctx).Name}, nil
})

// Square is a result, and the worker that computed it.
type Square struct {
	N      int
	Worker string
}

func main() {
	processes.RunChildIfRequested()
	useProcesses := flag.Bool("processes", false, "run the tasks in worker processes")
	flag.Parse()
	ctx := context.Background()

	var ex futures.Executor
	var err error
	if *useProcesses {
		ex, err = futures.NewProcessPool(2)
	} else {
		ex, err = futures.NewThreadPool(2)
	}
	if err != nil {
		log.Fatal(err)
	}
	defer ex.Close() // Python's with block

	start := time.Now()
	var fs []*futures.Future[Square]
	for n := range 4 {
		f, err := futures.Submit(ctx, ex, square, n+1)
		if err != nil {
			log.Fatal(err)
		}
		fs = append(fs, f)
	}
	var squares []int
	var workers []string
	for _, f := range fs {
		s, err := f.Result(ctx)
		if err != nil {
			log.Fatal(err)
		}
		squares = append(squares, s.N)
		if !slices.Contains(workers, s.Worker) {
			workers = append(workers, s.Worker)
		}
	}
	slices.Sort(workers)
	fmt.Printf("%T with %d workers\n", ex, ex.Workers())
	fmt.Println("squares:", squares, "in", time.Since(start).Round(10*time.Millisecond))
	fmt.Println("run by:", workers)
	fmt.Println("calls counted in this process:", calls.Load())
}
