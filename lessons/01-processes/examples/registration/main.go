// Command registration shows why a function must be registered at package
// level to run in a child process, the Go twin of Python's "run
// multiprocessing as a script, not in a notebook".
package main

import (
	"context"
	"fmt"
	"log"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// cube is registered at package level: it is registered while the program
// starts, before main, in the parent and in every child alike.
var cube = processes.Register("cube", func(_ context.Context, n int) (int, error) { return n * n * n, nil })

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()

	p := processes.New(cube, 3)
	if err := p.Start(ctx); err != nil {
		log.Fatal(err)
	}
	v, err := p.Wait(ctx)
	fmt.Println("cube(3) in a child:", v, err)

	// Registered in main, after start-up: a child is this program started
	// again, and runs RunChildIfRequested before main gets this far, so no
	// child would ever have this function. It is refused before a process
	// starts.
	double := processes.Register("double", func(_ context.Context, n int) (int, error) { return 2 * n, nil })
	err = processes.New(double, 3).Start(ctx)
	fmt.Println("double(3):", err)
}
