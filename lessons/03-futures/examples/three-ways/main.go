// Command three-ways does one job three ways: with futures, with errgroup,
// and with plain channels and a WaitGroup. The job: square eight numbers,
// each taking a unit of time, at most four at once; the results in the
// order of the numbers; the first error stops the rest. -unit sets the
// time scale.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// Job is one number to square and how long squaring takes.
type Job struct {
	N    int
	Unit time.Duration
}

// work squares a number, slowly; it refuses negative ones.
func work(ctx context.Context, j Job) (int, error) {
	select {
	case <-time.After(j.Unit):
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	if j.N < 0 {
		return 0, errors.New("negative")
	}
	return j.N * j.N, nil
}

// square is work registered, for an executor (whose kind might be a
// process pool).
var square = processes.Register("square", work)

const limit = 4

// withFutures: Map on an executor of 4 workers. Leaving the loop early
// stops what still runs.
func withFutures(ctx context.Context, jobs []Job) ([]int, error) {
	pool, err := futures.NewThreadPool(limit)
	if err != nil {
		return nil, err
	}
	defer pool.Close()
	var out []int
	for v, err := range futures.Map(ctx, pool, square, slices.Values(jobs)) {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// withErrgroup: a goroutine per job, at most 4 at once; each writes its
// own element. The first error cancels gctx.
func withErrgroup(ctx context.Context, jobs []Job) ([]int, error) {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	out := make([]int, len(jobs))
	for i, j := range jobs {
		g.Go(func() error {
			v, err := work(gctx, j)
			out[i] = v
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// withChannels: a feeder sends indices on a channel, 4 workers take them
// and send results on another, which a goroutine closes once the feeder and
// the workers are done.
func withChannels(ctx context.Context, jobs []Job) ([]int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		i, v int
		err  error
	}
	todo := make(chan int)
	results := make(chan result)
	var wg sync.WaitGroup
	for range limit {
		wg.Go(func() {
			for i := range todo {
				v, err := work(ctx, jobs[i])
				results <- result{i, v, err}
			}
		})
	}
	wg.Go(func() { // the feeder: stops early when the context is cancelled
		defer close(todo)
		for i := range jobs {
			select {
			case todo <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	go func() { // closes results once no worker can send
		wg.Wait()
		close(results)
	}()
	out := make([]int, len(jobs))
	var first error
	for r := range results { // drain them all, so that no goroutine is left behind
		if r.err != nil && first == nil {
			first = r.err
			cancel()
		}
		out[r.i] = r.v
	}
	if first != nil {
		return nil, first
	}
	return out, nil
}

func main() {
	processes.RunChildIfRequested()
	unit := flag.Duration("unit", 50*time.Millisecond, "how long one square takes")
	flag.Parse()
	ctx := context.Background()
	var jobs []Job
	for n := range 8 {
		jobs = append(jobs, Job{N: n + 1, Unit: *unit})
	}
	bad := slices.Clone(jobs)
	bad[4].N = -5
	for _, way := range []struct {
		name string
		run  func(context.Context, []Job) ([]int, error)
	}{{"futures", withFutures}, {"errgroup", withErrgroup}, {"channels", withChannels}} {
		start := time.Now()
		squares, err := way.run(ctx, jobs)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-9s %v in %v\n", way.name+":", squares, time.Since(start).Round(*unit/5))
		start = time.Now()
		_, err = way.run(ctx, bad)
		fmt.Printf("%-9s with -5 among them: %v, after %v\n", "", err, time.Since(start).Round(*unit/5))
	}
}
