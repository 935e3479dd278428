package repl

import (
	"context"
	"sync"
)

// interruptible returns a context that Ctrl-C (or SIGINT) cancels, for a
// command that runs the go command; stop releases it and waits for its
// watcher.
func (r *repl) interruptible(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		select {
		case <-r.ed.Interrupts():
			cancel()
		case <-r.o.Signals:
			cancel()
		case <-ctx.Done():
		}
	})
	return ctx, func() {
		cancel()
		wg.Wait()
	}
}
