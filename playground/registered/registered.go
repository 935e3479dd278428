// Package registered holds functions registered to run in child processes
// (lesson 01), compiled into the playground so that its REPL can hand them
// to a process or a pool.
//
// A child process is the playground's binary started again; it finds the
// function to run by the name it was registered under, in the table every
// copy of the binary fills before main runs. A function typed into the REPL
// is interpreted inside the worker process and is in no such table, which
// is why the REPL can only send these (type :help children in the REPL).
package registered

import (
	"context"
	"fmt"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Square returns n*n: lesson 00's calc_square for one number.
var Square = processes.Register("playground.square", func(_ context.Context, n int) (int, error) {
	return n * n, nil
})

// Cube returns n*n*n: lesson 00's calc_cube for one number.
var Cube = processes.Register("playground.cube", func(_ context.Context, n int) (int, error) {
	return n * n * n, nil
})

// SlowSquare returns n*n after a pause of 0.2 s, as lesson 00's tasks do
// for each number, so that running several side by side shows.
var SlowSquare = processes.Register("playground.slow-square", func(ctx context.Context, n int) (int, error) {
	select {
	case <-time.After(200 * time.Millisecond):
		return n * n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
})

// Whoami returns which process ran it ("PoolWorker-1 (pid 1234)"): the
// argument is ignored.
var Whoami = processes.Register("playground.whoami", func(_ context.Context, _ int) (string, error) {
	id := processes.Current()
	return fmt.Sprintf("%s (pid %d)", id.Name, id.PID), nil
})

// Add returns the sum of a pair: a function of two arguments, for
// processes.Map over pairs (Python's starmap).
var Add = processes.Register2("playground.add", func(_ context.Context, a, b int) (int, error) {
	return a + b, nil
})

// Crash panics in the child: the parent gets the panic as an error and
// goes on.
var Crash = processes.Register("playground.crash", func(_ context.Context, n int) (int, error) {
	panic(fmt.Sprintf("crash(%d): a panic in a child process", n))
})
