package overview

import (
	"context"
	"errors"
	"sync"

	"github.com/gophertutor/concurrency/internal/syncwriter"
)

// Goroutines is multithreading.py: the squares and the cubes each in their
// own goroutine, started together and then both waited for. Each goroutine
// writes only its own result variables, and wg.Wait makes those writes
// visible to the caller, so nothing is shared while they run. With the
// default delay it takes 4 × 0.2 s = 0.8 s.
func Goroutines(ctx context.Context, nums []int, o Options) (Result, error) {
	o.Out = syncwriter.New(o.Out) // both goroutines print to it
	var (
		r             Result
		sqErr, cubErr error
		wg            sync.WaitGroup
	)
	wg.Go(func() { r.Squares, sqErr = Square.Run(ctx, nums, o) })
	wg.Go(func() { r.Cubes, cubErr = Cube.Run(ctx, nums, o) })
	wg.Wait()
	return r, errors.Join(sqErr, cubErr)
}
