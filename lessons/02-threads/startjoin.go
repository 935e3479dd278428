package threads

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/gophertutor/concurrency/internal/syncwriter"
	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

// Sleepers is the syllabus' start-and-join demo. For each nap it starts a
// goroutine named "worker-1", "worker-2", … that prints its name, sleeps
// for the nap and prints its name again; after each start it prints how
// many goroutines are alive (runtime.NumGoroutine, Python's
// threading.active_count()); then it joins them all.
//
// Python's Thread.start() returns only once the new thread is running
// (it waits on an Event the thread sets). The go statement returns at
// once, so Sleepers waits on a channel that each goroutine closes when it
// has started, which also fixes the order of the lines.
func Sleepers(ctx context.Context, out io.Writer, naps ...time.Duration) error {
	if out == nil {
		out = io.Discard
	}
	out = syncwriter.New(out) // every worker prints to it
	var wg sync.WaitGroup
	errs := make([]error, len(naps)) // each worker writes only its own element
	for i, nap := range naps {
		started := make(chan struct{})
		GoNamed(ctx, &wg, fmt.Sprintf("worker-%d", i+1), func(ctx context.Context) {
			fmt.Fprintf(out, "%s: started, going to sleep for %v\n", Name(ctx), nap)
			close(started)
			if err := overview.Sleep(ctx, nap); err != nil {
				errs[i] = fmt.Errorf("%s: %w", Name(ctx), err)
				return
			}
			fmt.Fprintf(out, "%s: woke up\n", Name(ctx))
		})
		<-started
		fmt.Fprintf(out, "live goroutines: %d\n", runtime.NumGoroutine())
	}
	wg.Wait()
	fmt.Fprintln(out, "joined every worker")
	return errors.Join(errs...)
}
