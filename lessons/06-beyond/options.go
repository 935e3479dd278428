package beyond

import (
	"fmt"
	"os"
	"time"
)

// Option configures NewJetStream.
type Option func(*options)

type options struct {
	url         string
	ackWait     time.Duration
	maxAttempts int
	replicas    int
	connectWait time.Duration
	err         error
}

func defaults() options {
	return options{url: os.Getenv("NATS_URL"), ackWait: 5 * time.Second, maxAttempts: 3, replicas: 1, connectWait: 2 * time.Second}
}

// WithURL connects to the NATS server (or cluster: several URLs, comma
// separated) at url instead of starting one in this program. The
// default is the NATS_URL environment variable; without it, an embedded
// server. A token or user and password go in the URL
// (nats://token@host:4222).
func WithURL(url string) Option { return func(o *options) { o.url = url } }

// WithAckWait sets how long JetStream waits for a worker to acknowledge a
// task before it gives the task to another worker: how long a task whose
// worker died waits to run again. A worker that is still running a task
// says so every third of it, so a long task is not given away. The
// default is 5 seconds.
func WithAckWait(d time.Duration) Option {
	return func(o *options) {
		if d < 100*time.Millisecond {
			o.err = fmt.Errorf("WithAckWait(%v): JetStream needs at least 100ms", d)
		}
		o.ackWait = d
	}
}

// WithMaxAttempts sets how many times a task may be delivered to a worker
// that does not finish it (the worker died, or it has no such function)
// before it goes to the dead letters and its future fails. The default
// is 3.
func WithMaxAttempts(n int) Option {
	return func(o *options) {
		if n < 1 {
			o.err = fmt.Errorf("WithMaxAttempts(%d): a task is delivered at least once", n)
		}
		o.maxAttempts = n
	}
}

// WithReplicas keeps n copies of every task, on n servers of a cluster,
// so that the stream survives a server that stops. The default is 1.
func WithReplicas(n int) Option {
	return func(o *options) {
		if n < 1 || n > 5 {
			o.err = fmt.Errorf("WithReplicas(%d): JetStream keeps 1 to 5 copies", n)
		}
		o.replicas = n
	}
}

// WithConnectTimeout bounds how long NewJetStream tries to reach the
// server before it gives up. The default is 2 seconds.
func WithConnectTimeout(d time.Duration) Option { return func(o *options) { o.connectWait = d } }
