package processes_test

import (
	"context"
	"errors"
	"fmt"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// A function runs in a child process once it is registered at package
// level (processes.Square is): the child is this program started again,
// and main begins with processes.RunChildIfRequested().
func ExampleNew() {
	ctx := context.Background()
	p := processes.New(processes.Square, 7)
	if err := p.Start(ctx); err != nil {
		fmt.Println(err)
		return
	}
	v, err := p.Wait(ctx)
	code, _ := p.ExitCode()
	fmt.Println(v, err, code)
	// Output: 49 <nil> 0
}

func ExampleMap() {
	ctx := context.Background()
	pool, err := processes.NewPool(2)
	if err != nil {
		fmt.Println(err)
		return
	}
	squares, err := processes.Map(ctx, pool, processes.Square, []int{1, 2, 3, 4})
	fmt.Println(squares, err)
	pool.Close()
	fmt.Println(pool.Join(ctx))
	// Output:
	// [1 4 9 16] <nil>
	// <nil>
}

func ExampleQueue() {
	q := processes.NewQueue[string](0)
	for _, s := range []string{"red", "green", "blue"} {
		_ = q.TryPut(s)
	}
	for {
		s, err := q.TryGet()
		if errors.Is(err, processes.ErrEmpty) {
			break
		}
		fmt.Println(s)
	}
	// Output:
	// red
	// green
	// blue
}
