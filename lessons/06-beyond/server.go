package beyond

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// embedded is a NATS server with JetStream inside this program: on
// 127.0.0.1 only, on a port the system picks, open only to clients that
// present the token made for this run, its store in a temporary folder.
type embedded struct {
	srv   *server.Server
	dir   string
	token string
}

// startEmbedded starts the server and waits until it takes connections.
func startEmbedded() (*embedded, error) {
	dir, err := os.MkdirTemp("", "beyond-jetstream-*")
	if err != nil {
		return nil, fmt.Errorf("beyond: start the embedded NATS server: %w", err)
	}
	secret := make([]byte, 16)
	_, _ = rand.Read(secret) // never fails (crypto/rand)
	e := &embedded{dir: dir, token: hex.EncodeToString(secret)}
	e.srv, err = server.NewServer(&server.Options{
		ServerName:    "beyond-embedded",
		Host:          "127.0.0.1",
		Port:          server.RANDOM_PORT,
		Authorization: e.token,
		JetStream:     true,
		StoreDir:      dir,
		NoLog:         true,
		NoSigs:        true,
	})
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("beyond: start the embedded NATS server: %w", err)
	}
	e.srv.Start()
	if !e.srv.ReadyForConnections(10 * time.Second) {
		e.close()
		return nil, fmt.Errorf("beyond: start the embedded NATS server: not ready after 10s")
	}
	return e, nil
}

// url is where clients connect; they need the token too.
func (e *embedded) url() string { return e.srv.ClientURL() }

// close stops the server, waits until it has, and removes its store.
func (e *embedded) close() {
	e.srv.Shutdown()
	e.srv.WaitForShutdown()
	os.RemoveAll(e.dir)
}
