package solutions

import (
	"context"
	"sync"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/04-mixing/check"
)

// runBatch is RunBatch, registered so that a child process can run it.
var runBatch = processes.Register("solutions04.RunBatch", RunBatch)

// RunBatch is the answer to exercise 1's first half, in the child: a
// fixed number of goroutines take the items' indexes from a channel, and
// each result goes into its item's slot, so the order needs no sorting.
func RunBatch(ctx context.Context, b check.Batch) ([]int, error) {
	results := make([]int, len(b.Items))
	errs := make([]error, len(b.Items))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(b.Goroutines, len(b.Items)) {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = check.Work(ctx, b.Items[i])
			}
		})
	}
	for i := range b.Items {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return results, err
		}
	}
	return results, nil
}

// Split is the answer to exercise 1's second half, in the parent: batches
// of consecutive items whose sizes differ by one at most, a child per
// batch, all started before any is waited for, and the batches' results
// appended in the order of the batches.
func Split(ctx context.Context, items []check.Item, procs, goroutines int) ([]int, error) {
	var children []*processes.Process[[]int]
	var err error
	for i, first := 0, 0; i < min(procs, len(items)); i++ {
		n := len(items) / procs
		if i < len(items)%procs {
			n++
		}
		p := processes.New(runBatch, check.Batch{Items: items[first : first+n], Goroutines: goroutines})
		first += n
		if err = p.Start(ctx); err != nil {
			break // the ones started are still waited for
		}
		children = append(children, p)
	}
	var results []int
	for _, p := range children {
		rs, werr := p.Wait(ctx)
		if werr != nil && err == nil {
			err = werr
		}
		results = append(results, rs...)
	}
	return results, err
}
