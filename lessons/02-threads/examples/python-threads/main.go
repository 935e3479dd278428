// Command python-threads measures Python's threads with python3, for the
// comparison with goroutines: starting and joining a thread, a
// ThreadPoolExecutor's cost per task, and a CPU-bound loop on two threads
// against one, where the GIL lets one thread run Python code at a time. A
// notebook cell can only run go commands: this program runs python3 and
// prints what it measured.
package main

import (
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/gophertutor/concurrency/internal/notebook"
)

// measure is the Python program: it prints name=value lines.
//
//go:embed measure.py
var measure string

func main() {
	python, err := exec.LookPath("python3")
	if err != nil {
		fmt.Println(notebook.SkipMarker + "python3 is not installed: this cell compares goroutines with Python's threads")
		return
	}
	out, err := exec.Command(python, "-c", measure).Output()
	if err != nil {
		fmt.Fprintf(os.Stderr, "python3: %v\n", err)
		os.Exit(1)
	}
	got := map[string]string{}
	for line := range strings.Lines(string(out)) {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
			got[k] = v
		}
	}
	micros := func(key string) time.Duration {
		us, err := strconv.ParseFloat(got[key], 64)
		if err != nil {
			fmt.Fprintf(os.Stderr, "python3 printed no %s: %q\n", key, out)
			os.Exit(1)
		}
		return time.Duration(us * float64(time.Microsecond)).Round(100 * time.Nanosecond)
	}
	fmt.Printf("Python %s, on %s CPUs:\n", got["version"], got["cpus"])
	fmt.Printf("  start and join a thread:          %v\n", micros("start_join_us"))
	fmt.Printf("  ThreadPoolExecutor(2), per task:  %v\n", micros("pool_task_us"))
	fmt.Printf("  a CPU-bound loop on 2 threads:    speedup %sx over 1 thread (the GIL)\n", got["cpu_speedup"])
}
