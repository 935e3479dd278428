package spawnbench

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/gophertutor/concurrency/internal/lessontest"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

var noop = processes.Register("spawnbench.noop", func(_ context.Context, _ int) (int, error) { return 0, nil })

func TestMain(m *testing.M) {
	processes.RunChildIfRequested()
	lessontest.Main(m)
}

// BenchmarkProcessSpawn starts a registered no-op in a new child process
// and waits for its result: the cost of one Process from New to Wait. It
// also reports the median (median-ns/op), which a few slow starts on a busy
// machine do not move.
func BenchmarkProcessSpawn(b *testing.B) {
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		p := processes.New(noop, 0)
		if err := p.Start(b.Context()); err != nil {
			b.Fatal(err)
		}
		if _, err := p.Wait(b.Context()); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2]), "median-ns/op")
}

// TestSpawn runs the benchmark's process once, so that plain go test
// covers this package too.
func TestSpawn(t *testing.T) {
	p := processes.New(noop, 0)
	require(t, p.Start(t.Context()))
	_, err := p.Wait(t.Context())
	require(t, err)
}

func require(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
