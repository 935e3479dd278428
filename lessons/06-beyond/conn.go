package beyond

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// dial connects to url, with token if the server is the embedded one. It
// gives up at once on a refused connection and after wait on one that
// does not answer, and, once connected, tries to reconnect for a few
// seconds before the connection is closed for good (closed is called).
func dial(url, token, name string, wait time.Duration, closed func(error)) (*nats.Conn, error) {
	opts := []nats.Option{
		nats.Name(name),
		nats.Timeout(wait),
		nats.ReconnectWait(250 * time.Millisecond),
		nats.MaxReconnects(20),
	}
	if token != "" {
		opts = append(opts, nats.Token(token))
	}
	if closed != nil {
		opts = append(opts, nats.ClosedHandler(func(nc *nats.Conn) { closed(nc.LastError()) }))
	}
	nc, err := nats.Connect(url, opts...)
	if err != nil {
		return nil, fmt.Errorf("beyond: connect to %s: %w (is a NATS server with JetStream running there? "+
			"start one with `go run github.com/nats-io/nats-server/v2@%s -js`, or give no URL for one inside this program)",
			redact(url), err, serverVersion)
	}
	return nc, nil
}

// serverVersion is the NATS server this course builds against.
const serverVersion = "v2.15.3"

// redact hides the token or password in a URL that goes into an error.
func redact(url string) string {
	var out []string
	for _, u := range strings.Split(url, ",") {
		if at := strings.LastIndexByte(u, '@'); at >= 0 {
			scheme := ""
			if i := strings.Index(u, "://"); i >= 0 && i < at {
				scheme = u[:i+3]
			}
			u = scheme + "***" + u[at:]
		}
		out = append(out, u)
	}
	return strings.Join(out, ",")
}

// declare makes the task and dead-letter streams and the workers'
// consumer, or checks that they are as this executor wants them.
func declare(ctx context.Context, js jetstream.JetStream, o options) (jetstream.Stream, error) {
	tasks, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        tasksStream,
		Description: "tasks for the workers of lesson 06's executors",
		Subjects:    []string{tasksSubjects},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    o.replicas,
		Duplicates:  2 * time.Minute,
	})
	if err != nil {
		return nil, fmt.Errorf("beyond: make the stream %s: %w", tasksStream, err)
	}
	_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        deadStream,
		Description: "tasks that no worker finished: the dead letters",
		Subjects:    []string{deadSubjects},
		Storage:     jetstream.FileStorage,
		Replicas:    o.replicas,
		MaxAge:      7 * 24 * time.Hour,
	})
	if err != nil {
		return nil, fmt.Errorf("beyond: make the stream %s: %w", deadStream, err)
	}
	_, err = tasks.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       consumerName,
		Description:   "the workers: each task goes to one of them",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       o.ackWait,
		MaxDeliver:    -1, // the workers count deliveries (see WithMaxAttempts)
		MaxAckPending: 10000,
		Replicas:      o.replicas,
	})
	if err != nil {
		var apiErr *jetstream.APIError
		if errors.As(err, &apiErr) {
			err = fmt.Errorf("%w (another executor on this server may use other settings: give it the same WithAckWait and WithReplicas)", err)
		}
		return nil, fmt.Errorf("beyond: make the consumer %s: %w", consumerName, err)
	}
	return tasks, nil
}
