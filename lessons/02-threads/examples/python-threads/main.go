// Command python-threads measures Python's threads with python3, for the
// comparison with goroutines: starting and joining a thread, a
// ThreadPoolExecutor's cost per task, and a CPU-bound loop on two threads
// against one, where the GIL lets one thread run Python code at a time. A
// notebook cell can only run go commands: this program runs the course's
// Python program for lesson 02 (internal/sidebyside/l02_threads.py, which
// go run ./cmd/sidebyside runs beside its Go twin) and prints what it
// measured.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/gophertutor/concurrency/internal/notebook"
	"github.com/gophertutor/concurrency/internal/sidebyside"
)

func main() {
	// Each figure is the best of 3 rounds: figure ID → size.
	py, err := sidebyside.MeasurePython(context.Background(), "python3", 3, map[string]int{
		"thread-start-join": 2000,      // threads started and joined
		"thread-pool-map":   20_000,    // no-op tasks mapped on ThreadPoolExecutor(2)
		"cpu-threads":       2_000_000, // steps of a busy loop, on 1 thread, then 2
	})
	if errors.Is(err, sidebyside.ErrNoPython) {
		fmt.Println(notebook.SkipMarker + "python3 is not installed: this cell compares goroutines with Python's threads")
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	per := func(id string) time.Duration {
		return time.Duration(py.Values[id] * float64(time.Second)).Round(100 * time.Nanosecond)
	}
	fmt.Printf("Python %s, on %d CPUs:\n", py.Version, py.CPUs)
	fmt.Printf("  start and join a thread:          %v\n", per("thread-start-join"))
	fmt.Printf("  ThreadPoolExecutor(2), per task:  %v\n", per("thread-pool-map"))
	fmt.Printf("  a CPU-bound loop on 2 threads:    speedup %.2fx over 1 thread (the GIL)\n", py.Values["cpu-threads"])
}
