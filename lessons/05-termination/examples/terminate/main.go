// Command terminate is section 5.1 of the Python series in Go: a pool of 3
// worker processes, each drawing one random value and then working on it
// for a while; a callback collects the values and, as soon as one is above
// 0.9, stops the whole pool with Terminate. The workers still at work are
// killed, and the values they drew are lost. Then the Go fix: the callback
// cancels the tasks' context instead, and every worker returns the value it
// drew.
package main

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"slices"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

// Job is one worker's task.
type Job struct {
	Seed   uint64
	Worker int
	Work   time.Duration // how long its calculation takes
}

// Drawn is what a task returns: the value it drew, and whether it was
// stopped before its calculation ended.
type Drawn struct {
	Worker  int
	X       float64
	Stopped bool
}

// doWork is Python's do_work: draw a value, say so, work on it, return it.
// Worker i's calculation takes i+1 ticks, so that they finish in turn.
var doWork = processes.Register("do_work", func(ctx context.Context, j Job) (Drawn, error) {
	x := termination.NewValues(j.Seed, j.Worker).Next()
	fmt.Printf("w%d drew %.2f\n", j.Worker, x)
	timer := time.NewTimer(j.Work) // the expensive calculation
	defer timer.Stop()
	select {
	case <-timer.C:
		return Drawn{Worker: j.Worker, X: x}, nil
	case <-ctx.Done():
		return Drawn{Worker: j.Worker, X: x, Stopped: true}, nil
	}
})

const (
	workers = 3
	target  = 0.9
)

func main() {
	processes.RunChildIfRequested()
	seed := flag.Uint64("seed", 56, "the seed of the random values")
	random := flag.Bool("random", false, "use a random seed (printed)")
	tick := flag.Duration("tick", 100*time.Millisecond, "how long worker 0's calculation takes; worker i's takes i+1 times that")
	flag.Parse()
	if *random {
		var b [8]byte
		_, _ = rand.Read(b[:])
		*seed = binary.LittleEndian.Uint64(b[:]) % 1000
	}
	fmt.Printf("seed %d, target %.2f\n", *seed, target)

	fmt.Println("\n== as in Python: the callback terminates the pool")
	collected := run(*seed, *tick, func(pool *processes.Pool, _ context.CancelFunc) {
		fmt.Println("          pool.Terminate()")
		pool.Terminate()
	})
	report(*seed, collected)

	fmt.Println("\n== the Go fix: the callback cancels the tasks' context")
	collected = run(*seed, *tick, func(_ *processes.Pool, cancel context.CancelFunc) {
		fmt.Println("          cancel()")
		cancel()
	})
	report(*seed, collected)
}

// run gives each worker its job and, from the callback, stops them all
// with stop once a value is above the target. It returns what the
// callbacks collected.
func run(seed uint64, tick time.Duration, stop func(*processes.Pool, context.CancelFunc)) []Drawn {
	pool, err := processes.NewPool(workers)
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var collected []Drawn // callbacks run one at a time, on one goroutine
	for i := range workers {
		job := Job{Seed: seed, Worker: i, Work: time.Duration(i+1) * tick}
		_, err := processes.ApplyAsync(ctx, pool, doWork, job, func(d Drawn, err error) {
			if err != nil {
				fmt.Printf("callback: worker %d: %v\n", i, err)
				return
			}
			collected = append(collected, d)
			switch {
			case d.Stopped:
				fmt.Printf("callback: %.2f from worker %d, stopped early\n", d.X, d.Worker)
			case d.X > target:
				fmt.Printf("callback: %.2f from worker %d is above %.2f:\n", d.X, d.Worker, target)
				stop(pool, cancel)
			default:
				fmt.Printf("callback: %.2f from worker %d\n", d.X, d.Worker)
			}
		})
		if err != nil {
			log.Fatal(err)
		}
	}
	pool.Close()
	if err := pool.Join(context.Background()); err != nil { // every callback has run
		log.Fatal(err)
	}
	return collected
}

// report prints what was collected, and what the workers drew that was
// not: each worker's stream is fixed by the seed, so what it drew can be
// drawn again here.
func report(seed uint64, collected []Drawn) {
	var got, lost []string
	for i := range workers {
		x := termination.FirstValues(seed, i, 1)[0]
		if slices.ContainsFunc(collected, func(d Drawn) bool { return d.Worker == i }) {
			got = append(got, fmt.Sprintf("%.2f", x))
		} else {
			lost = append(lost, fmt.Sprintf("%.2f (w%d)", x, i))
		}
	}
	fmt.Println("collected", got)
	if len(lost) == 0 {
		fmt.Println("lost      none")
		return
	}
	fmt.Println("lost     ", lost, "- drawn by workers that were killed")
}
