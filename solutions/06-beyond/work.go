package solutions

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
)

// Work takes cons's messages one at a time and runs each, until ctx ends.
// A message is acknowledged only once its run has succeeded (at least
// once: a worker that dies during the run leaves it to another), given
// back with Nak when the run fails, and said to be in progress every third
// of the ack wait while it runs. When ctx ends, the run in hand finishes
// (its context does not end with ctx) and is acknowledged; then Work
// returns nil.
func Work(ctx context.Context, cons jetstream.Consumer, run check.RunFunc) error {
	ackWait := check.AckWait
	if info := cons.CachedInfo(); info != nil && info.Config.AckWait > 0 {
		ackWait = info.Config.AckWait
	}
	for {
		msg, err := cons.Next(jetstream.FetchContext(ctx))
		if ctx.Err() != nil {
			if err == nil {
				_ = msg.Nak() // taken as ctx ended: give it back at once
			}
			return nil
		}
		if errors.Is(err, jetstream.ErrNoMessages) || errors.Is(err, context.DeadlineExceeded) {
			continue
		}
		if err != nil {
			return fmt.Errorf("work: take a message: %w", err)
		}
		// Every third of the ack wait, the server hears that the run is
		// still going; the heartbeat stops, and is waited for, once it ends.
		quit := make(chan struct{})
		var beat sync.WaitGroup
		beat.Go(func() {
			tick := time.NewTicker(ackWait / 3)
			defer tick.Stop()
			for {
				select {
				case <-quit:
					return
				case <-tick.C:
					_ = msg.InProgress()
				}
			}
		})
		err = run(context.WithoutCancel(ctx), msg.Data())
		close(quit)
		beat.Wait()
		if err != nil {
			_ = msg.Nak() // another attempt soon
			continue
		}
		if err := msg.Ack(); err != nil {
			return fmt.Errorf("work: acknowledge a message: %w", err)
		}
	}
}
