// Command work-queue runs the syllabus' tasks [1, 2, 3, 4] (units of
// sleep) on 2 workers that share one queue: in the given order, then
// longest first.
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

const workers = 2

func main() {
	fmt.Printf("The tasks %v, in units of %v, on %d workers that share one queue.\n", threads.Work, threads.Unit, workers)
	for _, order := range []struct {
		name  string
		tasks []int
	}{
		{"in the given order", threads.Work},
		{"longest first", threads.LongestFirst(threads.Work)},
	} {
		fmt.Printf("\n== %s %v: %d units ==\n", order.name, order.tasks, threads.QueueMakespan(order.tasks, workers))
		tl := timeline.New("worker-1", "worker-2")
		start := time.Now()
		if err := threads.RunQueue(context.Background(), order.tasks, workers, threads.Unit, tl); err != nil {
			log.Fatal(err)
		}
		fmt.Println("It takes", time.Since(start).Round(time.Millisecond))
		fmt.Print(threads.UnitChart(tl, threads.Unit))
	}
}
