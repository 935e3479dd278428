package termination_test

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

// Bench is a benchmark worker's task: draw a value every 100µs until the
// Event is set (if it watches it), and say when it has started.
type Bench struct {
	Watch   bool
	Stop    *processes.Event
	Started *processes.Queue[int]
}

var benchWorker = processes.Register("bench.worker", func(ctx context.Context, w Bench) (int, error) {
	if w.Watch {
		var cancel context.CancelFunc
		ctx, cancel = termination.WhenSet(ctx, w.Stop)
		defer cancel()
	}
	if err := w.Started.Put(ctx, os.Getpid()); err != nil {
		return 0, err
	}
	values := termination.NewValues(1, os.Getpid())
	tick := time.NewTicker(100 * time.Microsecond)
	defer tick.Stop()
	drawn := 0
	for {
		select {
		case <-ctx.Done():
			return drawn, nil
		case <-tick.C:
			values.Next()
			drawn++
		}
	}
})

const benchWorkers = 8

// benchStop measures, b.N times, the time from stop to every one of 8
// worker processes gone. Starting them is not timed.
func benchStop(b *testing.B, watch bool, stop func(e *processes.Event, ps []*processes.Process[int])) {
	started := processes.NewQueue[int](0)
	defer started.Close()
	b.StopTimer()
	for range b.N {
		e := processes.NewEvent()
		ps := make([]*processes.Process[int], benchWorkers)
		for i := range ps {
			ps[i] = processes.New(benchWorker, Bench{Watch: watch, Stop: e, Started: started})
			if err := ps[i].Start(b.Context()); err != nil {
				b.Fatal(err)
			}
		}
		for range ps {
			if _, err := started.Get(b.Context()); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		stop(e, ps)
		for _, p := range ps {
			<-p.Done()
		}
		b.StopTimer()
		for _, p := range ps {
			_, _ = p.Wait(b.Context())
		}
		if err := e.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStopCooperative: the workers watch an Event (WhenSet); Set
// asks them all to stop, and they return what they drew.
func BenchmarkStopCooperative(b *testing.B) {
	benchStop(b, true, func(e *processes.Event, _ []*processes.Process[int]) {
		if err := e.Set(); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkStopTerminate: SIGTERM to each worker, which does not handle
// it: it dies at once, with what it drew.
func BenchmarkStopTerminate(b *testing.B) {
	benchStop(b, false, func(_ *processes.Event, ps []*processes.Process[int]) {
		for _, p := range ps {
			if err := p.Terminate(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStopKill: SIGKILL to each worker.
func BenchmarkStopKill(b *testing.B) {
	benchStop(b, false, func(_ *processes.Event, ps []*processes.Process[int]) {
		for _, p := range ps {
			if err := p.Kill(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStopGoroutines is BenchmarkStopCooperative with 8 goroutines
// and a context: the cost of a stop within one process.
func BenchmarkStopGoroutines(b *testing.B) {
	b.StopTimer()
	for range b.N {
		ctx, cancel := context.WithCancel(b.Context())
		var started, wg sync.WaitGroup
		for range benchWorkers {
			started.Add(1)
			wg.Go(func() {
				tick := time.NewTicker(100 * time.Microsecond)
				defer tick.Stop()
				started.Done()
				for {
					select {
					case <-ctx.Done():
						return
					case <-tick.C:
					}
				}
			})
		}
		started.Wait()
		b.StartTimer()
		cancel()
		wg.Wait()
		b.StopTimer()
	}
}

// isSetMany calls IsSet n times, from a child.
var isSetMany = processes.Register("bench.isset", func(_ context.Context, a IsSets) (int, error) {
	for range a.N {
		if _, err := a.Event.IsSet(); err != nil {
			return 0, err
		}
	}
	return a.N, nil
})

// IsSets is how many times to ask an event whether it is set.
type IsSets struct {
	Event *processes.Event
	N     int
}

// BenchmarkEventIsSetInAChild is one IsSet from a child: a round trip
// through its pipe to the event's owner, the price of Python's 5.2 loop,
// which asks before every value (starting the child is amortised over b.N).
func BenchmarkEventIsSetInAChild(b *testing.B) {
	e := processes.NewEvent()
	defer e.Close()
	p := processes.New(isSetMany, IsSets{Event: e, N: b.N})
	if err := p.Start(b.Context()); err != nil {
		b.Fatal(err)
	}
	if _, err := p.Wait(b.Context()); err != nil {
		b.Fatal(err)
	}
}
