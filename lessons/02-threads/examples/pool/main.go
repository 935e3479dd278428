// Command pool runs the same jobs on a pool of 3 worker goroutines written
// out in a few lines, then on the lesson's Map (the same pool, with errors,
// cancellation and panics) and on errgroup with SetLimit (MapErrgroup): at
// most 3 at a time, results in the order of the inputs, and the first error
// cancelling the rest.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

// mapFunc is the shape of threads.Map and threads.MapErrgroup.
type mapFunc func(ctx context.Context, workers int, inputs []int, f func(context.Context, int) (int, error)) ([]int, error)

const workers = 3

// pool runs f on every number with workers goroutines that share a jobs
// channel: each takes the index of the next job, and writes the result at
// that index. The sender of jobs closes it, which ends the workers' loops.
func pool(nums []int, f func(int) int) []int {
	jobs := make(chan int)
	out := make([]int, len(nums))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				out[i] = f(nums[i])
			}
		})
	}
	for i := range nums {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}

func main() {
	nums := []int{1, 2, 3, 4, 5, 6, 7, 8}
	fmt.Printf("square %v, each job takes %v, with at most %d at a time\n", nums, threads.Unit, workers)

	fmt.Printf("\n== by hand: %d workers on a jobs channel ==\n", workers)
	var peak gauge
	start := time.Now()
	fmt.Println("results:", pool(nums, func(n int) int {
		defer peak.enter()()
		time.Sleep(threads.Unit)
		return n * n
	}))
	fmt.Printf("jobs in flight at most: %d; it takes %v (8 jobs, 3 at a time: 3 rounds)\n",
		peak.peak, time.Since(start).Round(time.Millisecond))

	for _, way := range []struct {
		name string
		run  mapFunc
	}{
		{"Map: a pool of 3 worker goroutines", threads.Map[int, int]},
		{"MapErrgroup: a goroutine per job, errgroup.SetLimit(3)", threads.MapErrgroup[int, int]},
	} {
		fmt.Printf("\n== %s ==\n", way.name)
		var peak gauge
		start := time.Now()
		squares, err := way.run(context.Background(), workers, nums, func(ctx context.Context, n int) (int, error) {
			defer peak.enter()()
			if err := overview.Sleep(ctx, threads.Unit); err != nil {
				return 0, err
			}
			return n * n, nil
		})
		fmt.Println("results:", squares, "error:", err)
		fmt.Printf("jobs in flight at most: %d; it takes %v (8 jobs, 3 at a time: 3 rounds)\n",
			peak.peak, time.Since(start).Round(time.Millisecond))

		start = time.Now()
		_, err = way.run(context.Background(), workers, nums, func(ctx context.Context, n int) (int, error) {
			if n == 5 {
				return 0, errors.New("5 is unlucky")
			}
			return n * n, overview.Sleep(ctx, time.Duration(n)*threads.Unit)
		})
		fmt.Println("with a failing job:", err)
		fmt.Printf("it returns after %v: the jobs still running were cancelled\n", time.Since(start).Round(time.Millisecond))
	}
}

// gauge counts the calls in flight and remembers the peak.
type gauge struct {
	mu        sync.Mutex
	now, peak int
}

func (g *gauge) enter() (leave func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.now++
	g.peak = max(g.peak, g.now)
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.now--
	}
}
