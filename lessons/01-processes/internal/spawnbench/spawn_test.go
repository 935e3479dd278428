package spawnbench

import (
	"context"
	"io"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/gophertutor/concurrency/internal/lessontest"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

var noop = processes.Register("spawnbench.noop", func(_ context.Context, _ int) (int, error) { return 0, nil })

// exitAtOnce, in the environment, makes this test binary exit as soon as
// it reaches TestMain: BenchmarkExecFloor starts it that way.
const exitAtOnce = "SPAWNBENCH_EXIT_AT_ONCE"

func TestMain(m *testing.M) {
	if os.Getenv(exitAtOnce) != "" {
		os.Exit(0)
	}
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

// BenchmarkExecFloor starts this test binary again with os/exec, in a
// child that exits as soon as its TestMain runs, and waits for it: what
// any child costs before this package does anything (the kernel's exec,
// the Go runtime's start-up, the package initialisation of a test binary,
// the exit). BenchmarkProcessSpawn minus this is the library's own cost.
func BenchmarkExecFloor(b *testing.B) {
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	var took []time.Duration
	for b.Loop() {
		start := time.Now()
		cmd := exec.Command(exe)
		cmd.Env = append(os.Environ(), exitAtOnce+"=1")
		cmd.Stdout, cmd.Stderr = os.Stdout, io.Discard // stderr through a pipe, as a Process's is
		if err := cmd.Run(); err != nil {
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
