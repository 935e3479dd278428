// Command work-queue runs the syllabus' tasks [1, 2, 3, 4] (units of
// sleep) on 2 workers that share one queue: in the given order, then
// longest first.
package main

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

const workers = 2

// runQueue runs the tasks on workers goroutines that share one queue, a
// channel filled with every task and closed: a worker that is free takes
// the next task, so no worker sits idle while a task waits. Each task is a
// span of the timeline, in the lane of the worker that ran it.
func runQueue(tasks []int, tl *timeline.Timeline) {
	queue := make(chan int, len(tasks))
	for _, units := range tasks {
		queue <- units
	}
	close(queue) // the sender closes: the workers' range loops end when it is empty

	// Which goroutine takes the first task is up to the scheduler: the
	// lanes are numbered in the order the workers took their first task.
	var mu sync.Mutex
	lanes := 0
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			lane := ""
			for units := range queue {
				if lane == "" {
					mu.Lock()
					lanes++
					lane = fmt.Sprintf("worker-%d", lanes)
					mu.Unlock()
				}
				end := tl.Begin(lane, strconv.Itoa(units))
				time.Sleep(time.Duration(units) * threads.Unit)
				end()
			}
		})
	}
	wg.Wait()
}

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
		runQueue(order.tasks, tl)
		fmt.Println("It takes", time.Since(start).Round(time.Millisecond))
		fmt.Print(threads.UnitChart(tl, threads.Unit))
	}
}
