// golang.org/x/sync/errgroup, which lesson 02 calls the default: the
// interpreter has its symbols, so the playground interprets this program.
package main

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func main() {
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(2)
	results := make([]int, 5)
	for i := range results {
		g.Go(func() error {
			if i == 3 {
				return errors.New("task 3 failed")
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			default:
			}
			results[i] = i * i
			return nil
		})
	}
	fmt.Println(g.Wait())
}
