package check

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// natsEnv is a check's own NATS server with JetStream, inside the test
// binary, and a connection to it.
type natsEnv struct {
	srv *server.Server
	dir string
	nc  *nats.Conn
	js  jetstream.JetStream
}

// startNATS starts the server (127.0.0.1, a port the system picks, a
// temporary store) and connects to it.
func startNATS() (*natsEnv, error) {
	dir, err := os.MkdirTemp("", "check06-*")
	if err != nil {
		return nil, fmt.Errorf("check: start a NATS server: %w", err)
	}
	e := &natsEnv{dir: dir}
	e.srv, err = server.NewServer(&server.Options{
		Host: "127.0.0.1", Port: server.RANDOM_PORT, JetStream: true, StoreDir: dir, NoLog: true, NoSigs: true,
	})
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("check: start a NATS server: %w", err)
	}
	e.srv.Start()
	if !e.srv.ReadyForConnections(10 * time.Second) {
		e.close()
		return nil, errors.New("check: start a NATS server: not ready after 10s")
	}
	if e.nc, err = nats.Connect(e.srv.ClientURL()); err != nil {
		e.close()
		return nil, fmt.Errorf("check: connect to the NATS server: %w", err)
	}
	if e.js, err = jetstream.New(e.nc); err != nil {
		e.close()
		return nil, fmt.Errorf("check: connect to JetStream: %w", err)
	}
	return e, nil
}

// close closes the connection, stops the server, waits until it has, and
// removes its store.
func (e *natsEnv) close() {
	if e.nc != nil {
		e.nc.Close()
	}
	e.srv.Shutdown()
	e.srv.WaitForShutdown()
	os.RemoveAll(e.dir)
}

// mustStartNATS is startNATS for a check: a server that does not start
// fails the check, and says it is not the learner's fault.
func mustStartNATS(c *exercise.C) *natsEnv {
	e, err := startNATS()
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "the check's NATS server to start", Got: err.Error(),
			Likely: "not your code: the machine could not start a NATS server on 127.0.0.1 (run the check again)"})
	}
	return e
}

// bucket makes a key-value bucket in memory.
func (e *natsEnv) bucket(c *exercise.C, name string) jetstream.KeyValue {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	kv, err := e.js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: name, Storage: jetstream.MemoryStorage})
	if err != nil {
		c.Fail(exercise.Mistake{Expected: "the check's bucket " + name + " to be made", Got: err.Error(),
			Likely: "not your code: the check's own NATS server failed (run the check again)"})
	}
	return kv
}

// short is a context for one of the check's own calls to the server.
func short() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 10*time.Second)
}
