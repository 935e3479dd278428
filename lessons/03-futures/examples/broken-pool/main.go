// Command broken-pool has a worker process die in the middle of a task
// (os.Exit), on a process pool that breaks as Python's does, then on one
// made with ReplaceCrashedWorkers.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// Job is one task: it sleeps for Tenths tenths of a second, then returns
// its name, or ends its process with exit code Exit.
type Job struct {
	Name   string
	Tenths int
	Exit   int
}

var run = processes.Register("run", func(_ context.Context, j Job) (string, error) {
	time.Sleep(time.Duration(j.Tenths) * 100 * time.Millisecond)
	if j.Exit != 0 {
		os.Exit(j.Exit) // the process dies: no result, no error, nothing
	}
	return j.Name + " done", nil
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()
	jobs := []Job{{"a", 3, 0}, {"b", 1, 3}, {"c", 1, 0}, {"d", 1, 0}}

	for _, replace := range []bool{false, true} {
		var opts []futures.Option
		if replace {
			opts = append(opts, futures.ReplaceCrashedWorkers())
			fmt.Println("\n== NewProcessPool(2, ReplaceCrashedWorkers())")
		} else {
			fmt.Println("== NewProcessPool(2): b's process exits with code 3 after 0.1s")
		}
		pool, err := futures.NewProcessPool(2, opts...)
		if err != nil {
			log.Fatal(err)
		}
		start := time.Now()
		var fs []*futures.Future[string]
		for _, j := range jobs {
			f, err := futures.Submit(ctx, pool, run, j)
			if err != nil {
				log.Fatal(err)
			}
			fs = append(fs, f)
		}
		for i, f := range fs {
			v, err := f.Result(ctx)
			took := time.Since(start).Round(50 * time.Millisecond)
			var died *processes.WorkerDiedError
			switch {
			case errors.Is(err, futures.ErrBroken):
				fmt.Printf("%s: after %v, ErrBroken, caused by a worker that exited with code 3: %v\n",
					jobs[i].Name, took, errors.As(err, &died) && died.Exit.Code == 3)
			case err != nil:
				fmt.Printf("%s: %v\n", jobs[i].Name, err)
			default:
				fmt.Printf("%s: %s\n", jobs[i].Name, v)
			}
		}
		f, err := futures.Submit(ctx, pool, run, Job{"e", 0, 0})
		if err != nil {
			fmt.Println("a later Submit:", err)
		} else {
			v, err := f.Result(ctx)
			fmt.Println("a later Submit:", v, err)
		}
		if err := pool.Close(); err != nil {
			log.Fatal(err)
		}
	}
}
