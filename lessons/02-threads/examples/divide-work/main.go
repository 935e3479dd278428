// Command divide-work runs the syllabus' tasks [1, 2, 3, 4] (units of
// sleep) on 2 workers, split by hand two ways: [[1, 4], [2, 3]] and
// [[1, 2], [3, 4]]. How the work is divided decides how long it takes.
package main

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

// runSplit runs a split made by hand, as the Python notebook gives each
// thread its own list: worker w, a goroutine, runs the tasks of split[w] one
// after the other, and all the workers run at the same time. A task of u
// units sleeps u × threads.Unit; each is a span of the timeline.
func runSplit(split [][]int, tl *timeline.Timeline) {
	var wg sync.WaitGroup
	for w, tasks := range split {
		lane := fmt.Sprintf("worker-%d", w+1)
		wg.Go(func() {
			for _, units := range tasks {
				end := tl.Begin(lane, strconv.Itoa(units))
				time.Sleep(time.Duration(units) * threads.Unit)
				end()
			}
		})
	}
	wg.Wait()
}

func main() {
	fmt.Printf("The tasks %v, in units of %v, split by hand between 2 workers.\n", threads.Work, threads.Unit)
	for _, split := range [][][]int{{{1, 4}, {2, 3}}, {{1, 2}, {3, 4}}} {
		fmt.Printf("\n== each worker its own list: %v, %d units ==\n", split, threads.SplitMakespan(split))
		tl := timeline.New("worker-1", "worker-2")
		start := time.Now()
		runSplit(split, tl)
		fmt.Println("It takes", time.Since(start).Round(time.Millisecond))
		fmt.Print(threads.UnitChart(tl, threads.Unit))
	}
}
