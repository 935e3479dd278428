// Package beyond is lesson 06: the executor of lesson 03 on NATS
// JetStream, so that tasks go to worker processes on this machine or on
// any other, and none is lost when a worker dies.
//
// NewJetStream is the one-line switch from futures.NewProcessPool: the
// same Submit, Map, Wait, AsCompleted, Cancel, Stop and Shutdown. Tasks
// are messages on a work-queue stream; a worker pulls one, runs the
// registered function (processes.RunEncoded), sends the result back and
// only then acknowledges the message. A worker that dies before that
// leaves the message unacknowledged, and JetStream gives it to another
// worker after the ack wait: at-least-once delivery. Results are counted
// once whatever arrives twice, and a task that no worker can finish goes
// to a dead-letter stream after a few deliveries, with an error on its
// future.
//
// With no URL, NewJetStream starts a NATS server inside the program, on
// 127.0.0.1, with a token made for the run and a temporary store that
// Shutdown removes. With one (WithURL, or NATS_URL), it connects to a real
// server or cluster, and workers elsewhere run Serve.
//
// Read the lesson as a notebook: lessons/06-beyond/README.md.
package beyond

//go:generate go run ../../internal/notebook/cmd/notebook README.md
