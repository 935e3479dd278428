// Command starmap is Pool(2).starmap from the Python lesson: each task
// takes two arguments, a list of numbers and a name, and returns a list of
// small maps. Four tasks on two workers: the same two processes do them all.
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// f takes two arguments; Register2 makes its tasks take a Pair. It works
// for 50 ms, so that each worker is busy with one task while the other
// runs its own.
var f = processes.Register2("f", func(_ context.Context, nums []int, name string) ([]map[string]int, error) {
	fmt.Printf("%s runs in %s\n", name, processes.Current().Name)
	time.Sleep(50 * time.Millisecond)
	out := make([]map[string]int, len(nums))
	for i, n := range nums {
		out[i] = map[string]int{name: n * 2}
	}
	return out, nil
})

func main() {
	processes.RunChildIfRequested()

	pool, err := processes.NewPool(2)
	if err != nil {
		log.Fatal(err)
	}
	defer func() {
		pool.Close()
		_ = pool.Join(context.Background())
	}()
	args := []processes.Pair[[]int, string]{
		{First: []int{1}, Second: "test1"},
		{First: []int{2}, Second: "test2"},
		{First: []int{3}, Second: "test3"},
		{First: []int{4}, Second: "test4"},
	}
	// Python's starmap is Map over pairs.
	results, err := processes.Map(context.Background(), pool, f, args)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(results)
}
