package futures

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Functions the tests run, on goroutines and in worker processes alike:
// registered in package-level variables, so the workers (this test binary
// started again) have them.
var (
	square = processes.Register("test.square", func(_ context.Context, n int) (int, error) { return n * n, nil })

	fail = processes.Register("test.fail", func(_ context.Context, n int) (int, error) {
		return 0, fmt.Errorf("no square for %d", n)
	})

	panics = processes.Register("test.panic", func(_ context.Context, msg string) (int, error) { panic(msg) })

	exits = processes.Register("test.exit", func(_ context.Context, code int) (int, error) {
		os.Exit(code)
		return 0, nil
	})

	who = processes.Register("test.who", func(ctx context.Context, _ int) (Worker, error) { return Current(ctx), nil })

	// untilStopped waits for its context and reports its error and cause.
	untilStopped = processes.Register("test.untilstopped", func(ctx context.Context, g gate) (string, error) {
		if err := g.Started.Put(ctx, g.Name); err != nil {
			return "", err
		}
		<-ctx.Done()
		return "", fmt.Errorf("%s saw: %w", g.Name, context.Cause(ctx))
	})

	// gated says it started, then waits to be let go.
	gated = processes.Register("test.gated", func(ctx context.Context, g gate) (string, error) {
		if err := g.Started.Put(ctx, g.Name); err != nil {
			return "", err
		}
		if _, err := g.Release.Get(ctx); err != nil {
			return "", err
		}
		if g.Fail {
			return "", errors.New(g.Name + " failed")
		}
		return g.Name, nil
	})

	setUp = processes.Register("test.setup", func(_ context.Context, s string) (struct{}, error) {
		if s == "fail" {
			return struct{}{}, errors.New("set-up failed")
		}
		return struct{}{}, nil
	})
)

// gate is a task the test controls: it reports on Started when it runs,
// and returns when it gets an item from Release (failing if Fail is set).
type gate struct {
	Name    string
	Started *processes.Queue[string]
	Release *processes.Queue[struct{}]
	Fail    bool
}

// gates makes the queues of a set of gated tasks.
type gates struct {
	starts  *processes.Queue[string]
	release map[string]*processes.Queue[struct{}]
}

func newGates(t *testing.T) *gates {
	g := &gates{starts: processes.NewQueue[string](0), release: map[string]*processes.Queue[struct{}]{}}
	t.Cleanup(func() {
		g.starts.Close()
		for _, q := range g.release {
			q.Close()
		}
	})
	return g
}

// gate is the argument of the task called name.
func (g *gates) gate(name string) gate {
	if g.release[name] == nil {
		g.release[name] = processes.NewQueue[struct{}](0)
	}
	return gate{Name: name, Started: g.starts, Release: g.release[name]}
}

// started waits for a task to start and returns its name.
func (g *gates) started(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	name, err := g.starts.Get(ctx)
	require.NoError(t, err, "no task started")
	return name
}

// let lets the task called name return.
func (g *gates) let(t *testing.T, name string) {
	t.Helper()
	require.NoError(t, g.release[name].Put(t.Context(), struct{}{}))
}

// kind is one way to make an executor, for tests that run on both.
type kind struct {
	name string
	make func(t *testing.T, workers int, opts ...Option) Executor
}

var kinds = []kind{
	{"ThreadPool", func(t *testing.T, workers int, opts ...Option) Executor {
		ex, err := NewThreadPool(workers, opts...)
		require.NoError(t, err)
		t.Cleanup(func() { require.NoError(t, ex.Close()) })
		return ex
	}},
	{"ProcessPool", func(t *testing.T, workers int, opts ...Option) Executor {
		ex, err := NewProcessPool(workers, opts...)
		require.NoError(t, err)
		t.Cleanup(func() { require.NoError(t, ex.Close()) })
		return ex
	}},
}

// eachKind runs f on a ThreadPool and on a ProcessPool.
func eachKind(t *testing.T, f func(t *testing.T, k kind)) {
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) { f(t, k) })
	}
}

// within is a context for a bounded wait on an event.
func within(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// record puts its number on the queue as it starts.
var record = processes.Register("test.record", func(ctx context.Context, a recordArg) (int, error) {
	return a.N, a.Order.Put(ctx, a.N)
})

type recordArg struct {
	N     int
	Order *processes.Queue[int]
}
