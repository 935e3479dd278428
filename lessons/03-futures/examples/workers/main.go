// Command workers shows how many workers each kind of executor has by
// default, an initializer that gives each worker process state of its own,
// and a process pool that replaces each worker after two tasks.
package main

import (
	"context"
	"fmt"
	"log"
	"slices"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// conn is each worker process's own: its initializer sets it.
var conn string

var (
	// connect is the initializer: it runs once in each worker, before the
	// worker's first task, as a database connection would be opened.
	connect = processes.Register("connect", func(ctx context.Context, dsn string) (struct{}, error) {
		conn = fmt.Sprintf("%s, opened by %s", dsn, futures.Current(ctx).Name)
		return struct{}{}, nil
	})

	// query takes 50ms, on the connection of the worker it runs in.
	query = processes.Register("query", func(_ context.Context, n int) (string, error) {
		time.Sleep(50 * time.Millisecond)
		return conn, nil
	})

	// pid says which process runs it.
	pid = processes.Register("pid", func(ctx context.Context, _ int) (futures.Worker, error) {
		return futures.Current(ctx), nil
	})
)

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()

	fmt.Printf("CPUs: %d\n", processes.CPUCount())
	fmt.Printf("NewThreadPool(0) has %d workers: min(32, CPUs + 4)\n", futures.DefaultThreadWorkers())
	fmt.Printf("NewProcessPool(0) has %d workers: as many as CPUs\n", processes.CPUCount())

	pool, err := futures.NewProcessPool(2, futures.WithInitializer(connect, "db://orders"))
	if err != nil {
		log.Fatal(err)
	}
	var conns []string
	for c, err := range futures.Map(ctx, pool, query, slices.Values([]int{1, 2, 3, 4, 5, 6})) {
		if err != nil {
			log.Fatal(err)
		}
		if !slices.Contains(conns, c) {
			conns = append(conns, c)
		}
	}
	if err := pool.Close(); err != nil {
		log.Fatal(err)
	}
	slices.Sort(conns)
	fmt.Printf("\n6 queries on 2 worker processes used %d connections:\n", len(conns))
	for _, c := range conns {
		fmt.Println(" ", c)
	}

	pool, err = futures.NewProcessPool(1, futures.WithMaxTasksPerWorker(2))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\nWithMaxTasksPerWorker(2), 1 worker, 6 tasks:")
	var pids []int
	for n := range 6 {
		f, err := futures.Submit(ctx, pool, pid, n)
		if err != nil {
			log.Fatal(err)
		}
		w, err := f.Result(ctx)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("  task %d ran in %s, pid %d\n", n+1, w.Name, w.PID)
		if !slices.Contains(pids, w.PID) {
			pids = append(pids, w.PID)
		}
	}
	fmt.Printf("%d different worker processes\n", len(pids))
	if err := pool.Close(); err != nil {
		log.Fatal(err)
	}
}
