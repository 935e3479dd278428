package beyond

import (
	"context"
	"testing"

	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// BenchmarkJetStreamExecutorSubmit is the cost of one task on the
// embedded server with two worker processes: submitted, run, its result
// back, acknowledged. The tasks of a run are submitted one after another
// and overlap, as a batch does; the time is per task.
func BenchmarkJetStreamExecutorSubmit(b *testing.B) {
	b.Setenv("NATS_URL", "")
	e, err := NewJetStream(2)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	warm(b, e)
	fs := make([]*futures.Future[int], 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		f, err := futures.Submit(ctx, e, square, i)
		if err != nil {
			b.Fatal(err)
		}
		fs = append(fs, f)
	}
	for _, f := range fs {
		if _, err := f.Result(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJetStreamExecutorRoundTrip is one task at a time: the latency
// of a task that waits for the one before.
func BenchmarkJetStreamExecutorRoundTrip(b *testing.B) {
	b.Setenv("NATS_URL", "")
	e, err := NewJetStream(2)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	warm(b, e)
	for i := 0; b.Loop(); i++ {
		f, err := futures.Submit(ctx, e, square, i)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := f.Result(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// warm runs a task on each worker, so that neither the workers' start nor
// the first task's setup is timed.
func warm(b *testing.B, e *JetStream) {
	for v, err := range futures.Map(context.Background(), e, square, func(yield func(int) bool) {
		for i := range 8 {
			if !yield(i) {
				return
			}
		}
	}) {
		if err != nil {
			b.Fatal(err, v)
		}
	}
}
