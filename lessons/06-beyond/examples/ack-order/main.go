// Command ack-order shows why a worker acknowledges a task after it has
// run it, not before. A NATS server with JetStream runs inside the
// program; a worker takes a task and dies (it drops its connection)
// before it finishes. If it had acknowledged the task first (at most
// once), the task is gone. If it had not (at least once), JetStream gives
// the task to the next worker once the ack wait is over.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

const ackWait = 500 * time.Millisecond

func main() {
	// A server inside this program: loopback only, a random port, a
	// store in a temporary folder.
	dir, err := os.MkdirTemp("", "ack-order-*")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	srv, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: server.RANDOM_PORT, JetStream: true, StoreDir: dir, NoLog: true, NoSigs: true})
	if err != nil {
		log.Fatal(err)
	}
	srv.Start()
	defer func() { srv.Shutdown(); srv.WaitForShutdown() }()
	if !srv.ReadyForConnections(10 * time.Second) {
		log.Fatal("the server did not start")
	}

	for _, ackFirst := range []bool{true, false} {
		if ackFirst {
			fmt.Println("at most once: the worker acknowledges, then runs the task")
		} else {
			fmt.Println("at least once: the worker runs the task, then acknowledges")
		}
		if err := run(srv.ClientURL(), ackFirst); err != nil {
			log.Fatal(err)
		}
	}
}

// run publishes one task; a first worker takes it and dies, a second
// worker waits for it.
func run(url string, ackFirst bool) error {
	ctx := context.Background()
	nc, err := nats.Connect(url)
	if err != nil {
		return err
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	_ = js.DeleteStream(ctx, "WORK") // start afresh
	stream, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "WORK", Subjects: []string{"work"}, Retention: jetstream.WorkQueuePolicy})
	if err != nil {
		return err
	}
	if _, err := stream.CreateConsumer(ctx, jetstream.ConsumerConfig{Durable: "workers", AckPolicy: jetstream.AckExplicitPolicy, AckWait: ackWait}); err != nil {
		return err
	}
	if _, err := js.Publish(ctx, "work", []byte("square 7")); err != nil {
		return err
	}

	// The first worker: its own connection, which it loses mid-task.
	first, err := nats.Connect(url)
	if err != nil {
		return err
	}
	msg, err := take(first)
	if err != nil {
		return err
	}
	fmt.Printf("  worker 1 took %q (delivery %d)\n", msg.Data(), delivery(msg))
	if ackFirst {
		if err := msg.DoubleAck(ctx); err != nil { // acknowledged, and the server confirmed it
			return err
		}
	}
	first.Close() // the worker dies before it finishes
	fmt.Println("  worker 1 died")

	// The second worker waits a little longer than the ack wait.
	second, err := nats.Connect(url)
	if err != nil {
		return err
	}
	defer second.Close()
	start := time.Now()
	msg, err = take(second)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		fmt.Printf("  worker 2 got nothing in %v: the task is lost\n", time.Since(start).Round(100*time.Millisecond))
	case err != nil:
		return err
	default:
		fmt.Printf("  worker 2 took %q (delivery %d) after %v, ran it, acknowledged it\n",
			msg.Data(), delivery(msg), time.Since(start).Round(100*time.Millisecond))
		return msg.DoubleAck(ctx)
	}
	return nil
}

// take waits up to three ack waits for the next task.
func take(nc *nats.Conn) (jetstream.Msg, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*ackWait)
	defer cancel()
	js, _ := jetstream.New(nc)
	cons, err := js.Consumer(ctx, "WORK", "workers")
	if err != nil {
		return nil, err
	}
	batch, err := cons.Fetch(1, jetstream.FetchContext(ctx))
	if err != nil {
		return nil, err
	}
	for msg := range batch.Messages() {
		return msg, nil
	}
	if err := batch.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) {
		return nil, err
	}
	return nil, context.DeadlineExceeded
}

// delivery is how many times the server has handed this message out.
func delivery(msg jetstream.Msg) uint64 {
	md, err := msg.Metadata()
	if err != nil {
		return 0
	}
	return md.NumDelivered
}
