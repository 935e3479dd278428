// Command pool-map is Pool(2).map(f, [1, 2, 3, 4]) from the Python
// lesson: f(v) sleeps v tenths of a second and returns v*v, and says which
// worker process ran it.
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Outcome is f's result, with when and where it ran.
type Outcome struct {
	Square     int
	Worker     string
	Start, End time.Time
}

// f is registered at package level, so the worker processes (this program
// started again) have it too.
var f = processes.Register("f", func(ctx context.Context, v int) (Outcome, error) {
	start := time.Now()
	me := processes.Current()
	fmt.Printf("f(%d) runs in %s\n", v, me.Name)
	time.Sleep(time.Duration(v) * 100 * time.Millisecond)
	return Outcome{Square: v * v, Worker: me.Name, Start: start, End: time.Now()}, nil
})

func main() {
	processes.RunChildIfRequested() // a worker runs its tasks here, and never returns

	fmt.Printf("This machine has %d CPUs; the pool has 2 worker processes.\n", processes.CPUCount())
	pool, err := processes.NewPool(2)
	if err != nil {
		log.Fatal(err)
	}
	tl := timeline.New() // its origin is now: spans are times since the map started
	outcomes, err := processes.Map(context.Background(), pool, f, []int{1, 2, 3, 4})
	if err != nil {
		log.Fatal(err)
	}
	elapsed := time.Since(tl.Origin())
	pool.Close()
	if err := pool.Join(context.Background()); err != nil {
		log.Fatal(err)
	}

	var squares []int
	for _, o := range outcomes {
		squares = append(squares, o.Square)
		tl.Add(o.Worker, fmt.Sprint(o.Square), o.Start, o.End) // the workers' clocks are the machine's
	}
	fmt.Println("results:", squares)
	fmt.Println("It takes", elapsed.Round(10*time.Millisecond))
	fmt.Print("\n", tl.Chart(timeline.DefaultWidth))
}
