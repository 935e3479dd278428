// Command future follows two futures through their states on a thread
// pool of one worker: Result with a deadline (Python's timeout), Cancel on
// a pending and on a running task, and a task that panics.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// started hears from nap when it starts. A channel in a package variable
// works on a thread pool only: a worker process would have its own.
var started = make(chan struct{}, 2)

var (
	// nap says it has started, then sleeps d and returns it.
	nap = processes.Register("nap", func(_ context.Context, d time.Duration) (time.Duration, error) {
		started <- struct{}{}
		time.Sleep(d)
		return d, nil
	})

	// explode panics: index out of range.
	explode = processes.Register("explode", func(_ context.Context, i int) (int, error) {
		var squares []int
		return squares[i], nil
	})
)

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()
	pool, err := futures.NewThreadPool(1)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	a, err := futures.Submit(ctx, pool, nap, 300*time.Millisecond)
	if err != nil {
		log.Fatal(err)
	}
	b, err := futures.Submit(ctx, pool, nap, 300*time.Millisecond)
	if err != nil {
		log.Fatal(err)
	}
	<-started // a runs; b waits for the only worker
	fmt.Println("a is", a.State(), "and b is", b.State())

	// a.result(timeout=0.05): a deadline on Result's context.
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	_, err = a.Result(short)
	cancel()
	fmt.Println("a.Result with a 50ms deadline:", err)
	fmt.Println("a is still", a.State(), "(the deadline was Result's, not the task's)")

	fmt.Println("b.Cancel():", b.Cancel(), "and b is", b.State())
	fmt.Println("a.Cancel():", a.Cancel(), "and a is", a.State())

	d, err := a.Result(ctx) // no deadline: waits for as long as a takes
	fmt.Println("a.Result:", d, err, "and a is", a.State())
	_, err = b.Result(ctx)
	fmt.Println("b.Result:", err, "| errors.Is(err, futures.ErrCancelled):", errors.Is(err, futures.ErrCancelled))
	fmt.Println("done: a", a.IsDone(), "b", b.IsDone(), "| cancelled: a", a.Cancelled(), "b", b.Cancelled())

	c, err := futures.Submit(ctx, pool, explode, 3)
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.Result(ctx)
	var p *futures.PanicError
	first, _, _ := strings.Cut(err.Error(), "\n")
	fmt.Println("\nc.Result:", first)
	fmt.Println("a *futures.PanicError, with its stack:", errors.As(err, &p) && strings.Contains(p.Stack, "main.go"))
	e, err := futures.Submit(ctx, pool, nap, 0)
	if err != nil {
		log.Fatal(err)
	}
	d, err = e.Result(ctx)
	fmt.Println("the pool goes on: a new task returns", d, err)
}
