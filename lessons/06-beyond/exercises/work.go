package exercises

import (
	"context"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/06-beyond/check"
	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Work is exercise 3. Take cons's messages one at a time and run each
// with run(ctx, msg.Data()), until ctx ends: acknowledge a message only
// once its run has succeeded, give it back at once (Nak) when the run
// fails, and tell the server that it is still in progress while a run is
// longer than the ack wait (check.AckWait). When ctx ends, finish the run
// in hand (its context must not end with ctx), acknowledge it, and return
// nil.
func Work(ctx context.Context, cons jetstream.Consumer, run check.RunFunc) error {
	exercise.TODO() // replace this line with your answer
	return nil
}
