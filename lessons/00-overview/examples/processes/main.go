// Command processes is multiprocessing.py: the squares and the cubes in two
// child processes, side by side.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

func main() {
	overview.RunChildIfRequested() // a child runs its task here and exits

	delay := flag.Duration("delay", overview.DefaultDelay, "pause before each number")
	flag.Parse()

	tl := timeline.New("square", "cube")
	start := time.Now()
	_, err := overview.Processes(context.Background(), overview.Numbers,
		overview.Options{Delay: *delay, Out: os.Stdout, Timeline: tl})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("It takes", time.Since(start).Round(time.Millisecond))

	// Each child's first span starts when the child was ready to work:
	// that gap is the cost of starting a process.
	ready := map[string]time.Duration{}
	for _, s := range tl.Spans() {
		if _, seen := ready[s.Lane]; !seen {
			ready[s.Lane] = s.Start
		}
	}
	fmt.Printf("The children were ready after %v (square) and %v (cube)\n",
		ready["square"].Round(100*time.Microsecond), ready["cube"].Round(100*time.Microsecond))
	fmt.Print("\n", tl.Chart(timeline.DefaultWidth))
}
