package beyond

import (
	"context"
	"fmt"
	"time"

	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/nats-io/nats.go/jetstream"
)

// Shutdown stops the executor taking tasks and waits until every task it
// took has finished, or ctx ends; then it stops its worker processes
// (each finishes the task it has), closes the connection and, if it
// started one, stops the embedded server and removes its store. With
// futures.CancelPending, the tasks no worker has started are cancelled
// first; with futures.NoWait, it returns at once (call it again to wait).
func (e *JetStream) Shutdown(ctx context.Context, opts ...futures.ShutdownOption) error {
	cancelPending, noWait := futures.ShutdownFlags(opts...)
	e.mu.Lock()
	e.shut = true
	var waiting []*futures.Task
	for _, s := range e.tasks {
		if cancelPending && !s.started && s.t.Cancel() {
			continue
		}
		waiting = append(waiting, s.t)
	}
	e.mu.Unlock()
	if noWait {
		return nil
	}
	for _, t := range waiting {
		select {
		case <-t.Done():
		case <-ctx.Done():
			return fmt.Errorf("beyond: shutdown: %w (tasks still run: call Shutdown again to wait for them)", context.Cause(ctx))
		}
	}
	e.closer.Do(e.teardown)
	return nil
}

// Close is Shutdown with no deadline and no options: defer it.
func (e *JetStream) Close() error { return e.Shutdown(context.Background()) }

// teardown stops the workers, takes this executor's leftover tasks (those
// cancelled before any worker took them) off the stream, and closes the
// connection and the embedded server. It runs once.
func (e *JetStream) teardown() {
	close(e.closed) // publishes waiting to be tried again give up
	if e.stopProcs != nil {
		e.stopProcs()
	}
	e.bg.Wait() // the workers have exited
	if e.stream != nil && e.nc != nil && !e.nc.IsClosed() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		_ = e.stream.Purge(ctx, jetstream.WithPurgeSubject(tasksPrefix+e.id))
		cancel()
	}
	for _, sub := range e.subs {
		_ = sub.Unsubscribe()
	}
	if e.nc != nil {
		e.nc.Close()
	}
	if e.server != nil {
		e.server.close()
	}
}
