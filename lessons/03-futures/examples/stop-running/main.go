// Command stop-running stops a task that has started, on a thread pool and
// on a process pool: Cancel says no (as Python's cancel does), Stop
// cancels the task's context. Then a task that ignores its context.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

var (
	// hold tells started where it runs, then works until it is stopped
	// (or for ten seconds).
	hold = processes.Register("hold", func(ctx context.Context, started *processes.Queue[string]) (string, error) {
		if err := started.Put(ctx, futures.Current(ctx).Name); err != nil {
			return "", err
		}
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(10 * time.Second):
			return "never stopped", nil
		}
	})

	// stubborn tells started where it runs, then sleeps 300ms, deaf to its
	// context.
	stubborn = processes.Register("stubborn", func(ctx context.Context, started *processes.Queue[string]) (string, error) {
		if err := started.Put(ctx, futures.Current(ctx).Name); err != nil {
			return "", err
		}
		time.Sleep(300 * time.Millisecond)
		return "done, stopped or not", nil
	})

	// whoami says which worker runs it.
	whoami = processes.Register("whoami", func(ctx context.Context, _ int) (string, error) {
		return futures.Current(ctx).Name, nil
	})
)

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()

	for _, kind := range []string{"ThreadPool", "ProcessPool"} {
		var ex futures.Executor
		var err error
		if kind == "ThreadPool" {
			ex, err = futures.NewThreadPool(1)
		} else {
			// A task that ignores its stop has 100 ms to return, then its
			// worker process is killed (lesson 01's grace period).
			ex, err = futures.NewProcessPool(1, futures.WithProcessOptions(processes.WithGrace(100*time.Millisecond)))
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("== a %s of 1 worker\n", kind)

		started := processes.NewQueue[string](0)
		f, err := futures.Submit(ctx, ex, hold, started)
		if err != nil {
			log.Fatal(err)
		}
		where, err := started.Get(ctx) // the task has started
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("hold runs in", where)
		fmt.Println("Cancel():", f.Cancel(), "- Python's cancel() stops here")
		start := time.Now()
		fmt.Println("Stop():  ", f.Stop())
		_, err = f.Result(ctx)
		fmt.Printf("Result:   %v, after %v\n", err, time.Since(start).Round(10*time.Millisecond))
		fmt.Println("          errors.Is ErrStopped:", errors.Is(err, futures.ErrStopped), "| errors.Is context.Canceled:", errors.Is(err, context.Canceled))

		g, err := futures.Submit(ctx, ex, whoami, 0)
		if err != nil {
			log.Fatal(err)
		}
		next, err := g.Result(ctx)
		fmt.Println("the next task runs in", next, err)

		f, err = futures.Submit(ctx, ex, stubborn, started)
		if err != nil {
			log.Fatal(err)
		}
		if where, err = started.Get(ctx); err != nil {
			log.Fatal(err)
		}
		fmt.Println("\nstubborn runs in", where)
		start = time.Now()
		fmt.Println("Stop():  ", f.Stop())
		v, err := f.Result(ctx)
		fmt.Printf("Result:   %q, %v, after %v\n", v, err, time.Since(start).Round(10*time.Millisecond))
		g, err = futures.Submit(ctx, ex, whoami, 0)
		if err != nil {
			log.Fatal(err)
		}
		next, err = g.Result(ctx)
		fmt.Printf("the next task runs in %s %v, after %v\n", next, err, time.Since(start).Round(10*time.Millisecond))
		if err := ex.Close(); err != nil {
			log.Fatal(err)
		}
		if err := started.Close(); err != nil {
			log.Fatal(err)
		}
		fmt.Println()
	}
}
