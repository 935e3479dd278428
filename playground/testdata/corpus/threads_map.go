// playground-corpus: compiled
// A lesson's generic function with a type the program declares: compiled
// into the playground for a few types only, so it runs this program
// compiled.
package main

import (
	"context"
	"fmt"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

type order struct {
	id    int
	total float64
}

func main() {
	orders := []order{{1, 9.5}, {2, 20}, {3, 4.25}}
	totals, err := threads.Map(context.Background(), 2, orders, func(ctx context.Context, o order) (float64, error) {
		return o.total * 2, nil
	})
	fmt.Println(totals, err)
}
