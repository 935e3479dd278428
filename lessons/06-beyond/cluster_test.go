package beyond

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cluster starts n NATS servers with JetStream on 127.0.0.1, routed to
// each other, and returns them with the URL list clients use. They are
// shut down when the test ends.
func cluster(t *testing.T, n int) ([]*server.Server, string) {
	t.Helper()
	ports := make([]int, n)
	for i := range ports {
		ports[i] = freePort(t)
	}
	var routes []string
	for _, p := range ports {
		routes = append(routes, fmt.Sprintf("nats://127.0.0.1:%d", p))
	}
	var servers []*server.Server
	var urls []string
	for i := range n {
		s, err := server.NewServer(&server.Options{
			ServerName: fmt.Sprintf("node-%d", i+1),
			Host:       "127.0.0.1",
			Port:       server.RANDOM_PORT,
			JetStream:  true,
			StoreDir:   t.TempDir(),
			NoLog:      true,
			NoSigs:     true,
			Cluster:    server.ClusterOpts{Name: "beyond", Host: "127.0.0.1", Port: ports[i]},
			Routes:     server.RoutesFromStr(strings.Join(routes, ",")),
		})
		require.NoError(t, err)
		s.Start()
		t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
		require.True(t, s.ReadyForConnections(20*time.Second), "node %d took connections", i+1)
		servers = append(servers, s)
		urls = append(urls, s.ClientURL())
	}
	// Ready when a leader is elected and knows every node as a peer that
	// can hold a replica (else a stream of n replicas finds "no suitable
	// peers for placement").
	require.Eventually(t, func() bool {
		return slices.ContainsFunc(servers, func(s *server.Server) bool { return len(s.JetStreamClusterPeers()) == n })
	}, 60*time.Second, 20*time.Millisecond, "the cluster elected a JetStream leader that sees all %d nodes", n)
	return servers, strings.Join(urls, ",")
}

// freePort asks the system for a port on 127.0.0.1 that nothing uses.
func freePort(t *testing.T) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func TestABatchOnAClusterSurvivesAServerThatStops(t *testing.T) {
	if testing.Short() {
		t.Skip("a 3-node cluster takes seconds to elect its leaders")
	}
	servers, urls := cluster(t, 3)
	ctx, cancel := context.WithTimeout(t.Context(), 120*time.Second)
	defer cancel()
	e, err := NewJetStream(2, WithURL(urls), WithReplicas(3), WithAckWait(time.Second))
	require.NoError(t, err)
	defer func() { assert.NoError(t, e.Close()) }()

	const n = 60
	var fs []*futures.Future[int]
	for i := range n {
		f, err := futures.Submit(ctx, e, pause, i)
		require.NoError(t, err)
		fs = append(fs, f)
	}
	// Once a quarter of the batch is done, stop the server the executor
	// is connected to: its clients move to the others, and the stream,
	// kept on all three, elects a new leader.
	got := map[int]bool{}
	stopped := false
	for f, err := range futures.AsCompleted(ctx, fs) {
		require.NoError(t, err)
		v, err := f.Result(ctx)
		require.NoError(t, err)
		got[v] = true
		if !stopped && len(got) >= n/4 {
			stopped = true
			name := e.nc.ConnectedServerName()
			for _, s := range servers {
				if s.Name() == name {
					s.Shutdown()
					t.Logf("stopped %s after %d results", name, len(got))
				}
			}
		}
	}
	assert.Len(t, got, n, "every task finished, each once")
	assert.True(t, stopped)
}
