// Command python-costs measures what Python's concurrent.futures costs per
// task on this machine, with python3, for the comparison with the Go
// benchmarks of lesson 03: ThreadPoolExecutor(2).map, and
// ProcessPoolExecutor(2).map with chunksize 1 and 256. A notebook cell can
// only run go commands: this program runs the course's Python programs
// (internal/sidebyside/l02_threads.py and l03_futures.py, which go run
// ./cmd/sidebyside runs beside their Go twins) and prints what they
// measured.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/gophertutor/concurrency/internal/notebook"
	"github.com/gophertutor/concurrency/internal/sidebyside"
)

func main() {
	// Figure ID → how many no-op tasks it maps over 2 workers, once the
	// pool has started and run 100 tasks; one round each.
	py, err := sidebyside.MeasurePython(context.Background(), "python3", 1, map[string]int{
		"thread-pool-map":        20_000,
		"executor-map-processes": 5_000,
		"executor-map-256":       200_000,
	})
	if errors.Is(err, sidebyside.ErrNoPython) {
		fmt.Println(notebook.SkipMarker + "python3 is not installed: this cell measures Python's concurrent.futures")
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	µs := func(id string) float64 { return py.Values[id] * 1e6 }
	fmt.Printf("Python %s, %d CPUs\n", py.Version, py.CPUs)
	fmt.Printf("ThreadPoolExecutor(2).map:                 %6.2f µs per task\n", µs("thread-pool-map"))
	fmt.Printf("ProcessPoolExecutor(2).map, chunksize=1:   %6.2f µs per task\n", µs("executor-map-processes"))
	fmt.Printf("ProcessPoolExecutor(2).map, chunksize=256: %6.2f µs per task\n", µs("executor-map-256"))
}
