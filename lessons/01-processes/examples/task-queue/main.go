// Command task-queue is the Python lesson's second Queue example: ten tasks
// on a queue, four worker processes that take tasks until the queue is
// empty, and a second queue for what they report.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Queues is a worker's argument: the queues cross to the child as handles
// to this process's queues.
type Queues struct {
	Tasks *processes.Queue[string]
	Done  *processes.Queue[string]
}

// work takes tasks until there are none left, the way the Python worker
// loops on get_nowait() until it raises Empty.
var work = processes.Register("work", func(ctx context.Context, q Queues) (int, error) {
	n := 0
	for {
		task, err := q.Tasks.TryGet()
		if errors.Is(err, processes.ErrEmpty) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		time.Sleep(50 * time.Millisecond) // the work
		if err := q.Done.Put(ctx, fmt.Sprintf("%s is done by %s", task, processes.Current().Name)); err != nil {
			return n, err
		}
		n++
	}
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()

	q := Queues{Tasks: processes.NewQueue[string](0), Done: processes.NewQueue[string](0)}
	for i := range 10 {
		if err := q.Tasks.Put(ctx, fmt.Sprintf("task no %d", i)); err != nil {
			log.Fatal(err)
		}
	}
	var workers []*processes.Process[int]
	for range 4 {
		p := processes.New(work, q)
		if err := p.Start(ctx); err != nil {
			log.Fatal(err)
		}
		workers = append(workers, p)
	}
	total := 0
	for _, p := range workers {
		n, err := p.Wait(ctx)
		if err != nil {
			log.Fatal(err)
		}
		total += n
	}
	for {
		msg, err := q.Done.TryGet()
		if err != nil {
			break
		}
		fmt.Println(msg)
	}
	fmt.Printf("%d tasks done by %d processes\n", total, len(workers))
}
