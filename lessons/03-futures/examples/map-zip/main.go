// Command map-zip is the Python lesson's example: executor.map over two
// lists, list_values and names, zipped, with max_workers=None, first on a
// pool of processes, then on a pool of threads (goroutines here).
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// doExpensiveComputation is the Python lesson's do_expensive_computation:
// for each value it sleeps (v tenths of a second; the Python sleeps v
// seconds), says where it ran, and returns {name: v*2}. Register2 makes a
// function of two arguments; its tasks take a processes.Pair.
var doExpensiveComputation = processes.Register2("doExpensiveComputation",
	func(ctx context.Context, values []int, name string) ([]map[string]int, error) {
		var results []map[string]int
		for _, v := range values {
			time.Sleep(time.Duration(v) * 100 * time.Millisecond) // the expensive part
			w := futures.Current(ctx)
			fmt.Printf("  %s: run at %s, pid %d (the main process: %v)\n", name, w.Name, w.PID, processes.Current().Main)
			results = append(results, map[string]int{name: v * 2})
		}
		return results, nil
	})

func main() {
	processes.RunChildIfRequested() // a worker process runs its tasks here
	ctx := context.Background()
	listValues := [][]int{{1}, {2}, {3}}
	names := []string{"test 1", "test 2", "test 3"}

	for _, kind := range []string{"ProcessPool", "ThreadPool"} {
		// max_workers=None is 0: "choose for me".
		var ex futures.Executor
		var err error
		if kind == "ProcessPool" {
			ex, err = futures.NewProcessPool(0)
		} else {
			ex, err = futures.NewThreadPool(0)
		}
		if err != nil {
			log.Fatal(err)
		}
		if kind == "ProcessPool" {
			fmt.Printf("== NewProcessPool(0): %d workers, one per CPU (processes.CPUCount() = %d)\n", ex.Workers(), processes.CPUCount())
		} else {
			fmt.Printf("\n== NewThreadPool(0): %d workers, min(32, CPUs + 4) with %d CPUs\n", ex.Workers(), processes.CPUCount())
		}

		start := time.Now()
		results := futures.Map(ctx, ex, doExpensiveComputation, futures.Zip(listValues, names))
		fmt.Printf("results = %T: nothing has run yet\n", results)
		var list [][]map[string]int
		for r, err := range results { // the tasks start with the loop
			if err != nil {
				log.Fatal(err)
			}
			list = append(list, r)
		}
		fmt.Println("list results =", list)
		fmt.Println("took", time.Since(start).Round(10*time.Millisecond))
		if err := ex.Close(); err != nil {
			log.Fatal(err)
		}
	}
}
