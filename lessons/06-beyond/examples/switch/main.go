// Command switch runs lesson 03's program on three kinds of executor: a
// thread pool, a process pool, and worker processes that take their tasks
// from NATS JetStream (-jetstream). Only the line that makes the executor
// changes.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"slices"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	beyond "github.com/gophertutor/concurrency/lessons/06-beyond"
)

// square takes a tenth of a second and says where it ran.
var square = processes.Register("square", func(ctx context.Context, n int) (Square, error) {
	time.Sleep(100 * time.Millisecond)
	return Square{N: n * n, Worker: futures.Current(ctx).Name}, nil
})

// Square is a result, and the worker that computed it.
type Square struct {
	N      int
	Worker string
}

func main() {
	processes.RunChildIfRequested()
	kind := flag.String("kind", "threads", "threads, processes or jetstream")
	flag.Parse()
	ctx := context.Background()

	var ex futures.Executor
	var err error
	switch *kind {
	case "threads":
		ex, err = futures.NewThreadPool(2)
	case "processes":
		ex, err = futures.NewProcessPool(2)
	case "jetstream":
		ex, err = beyond.NewJetStream(2) // a NATS server in this program, two worker processes
	default:
		err = fmt.Errorf("-kind %s: give threads, processes or jetstream", *kind)
	}
	if err != nil {
		log.Fatal(err)
	}
	defer ex.Close()

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
}
