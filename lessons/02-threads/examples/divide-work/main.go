// Command divide-work runs the syllabus' tasks [1, 2, 3, 4] (units of
// sleep) on 2 workers, split by hand two ways: [[1, 4], [2, 3]] and
// [[1, 2], [3, 4]].
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

func main() {
	fmt.Printf("The tasks %v, in units of %v, split by hand between 2 workers.\n", threads.Work, threads.Unit)
	for _, split := range [][][]int{{{1, 4}, {2, 3}}, {{1, 2}, {3, 4}}} {
		fmt.Printf("\n== each worker its own list: %v, %d units ==\n", split, threads.SplitMakespan(split))
		tl := timeline.New("worker-1", "worker-2")
		start := time.Now()
		if err := threads.RunSplit(context.Background(), split, threads.Unit, tl); err != nil {
			log.Fatal(err)
		}
		fmt.Println("It takes", time.Since(start).Round(time.Millisecond))
		fmt.Print(threads.UnitChart(tl, threads.Unit))
	}
}
