package worker

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/stacks"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// goroutineOf is a goroutine of cell, started the way created says.
func goroutineOf(cell string, id int64, state, created string) stacks.Goroutine {
	return stacks.Goroutine{ID: id, State: state, Labels: map[string]string{stacks.CellLabel: cell}, CreatedBy: created}
}

// scripted is a recorder whose samples the test hands it one by one. Its
// clock stands still at the cell's start, unless the test moves it.
func scripted(t *testing.T) (*recorder, chan<- sample) {
	samples := make(chan sample)
	start := time.Now()
	return &recorder{clock: func() time.Time { return start }, sample: func(stop <-chan struct{}) (sample, bool) {
		select {
		case s := <-samples:
			return s, true
		case <-stop:
			return sample{}, false
		}
	}}, samples
}

func TestRecorderFollowsACellAndTheGoroutinesItLeaves(t *testing.T) {
	r, samples := scripted(t)
	ended := r.begin("cell2")
	origin := r.origin
	at := func(ms int) time.Time { return origin.Add(time.Duration(ms) * time.Millisecond) }
	own := goroutineOf("cell2", 7, "running", evalGoroutine)
	waiter := goroutineOf("cell2", 8, "select", "sync.(*WaitGroup).Go")
	waiter.Frames = []stacks.Frame{{Func: "reflect.rselect"}, {Func: interpPkg + "recv.func2"}}
	sleeper := goroutineOf("cell2", 9, "sleep", interpPkg+"call.func9")
	other := goroutineOf("cell1", 3, "running", interpPkg+"call.func9")         // an earlier cell's
	cellWaiter := goroutineOf("cell2", 2, "select", workerPkg+"(*worker).eval") // the worker's own

	samples <- sample{at: at(0), goroutines: []stacks.Goroutine{own, other, cellWaiter}}
	samples <- sample{at: at(10), goroutines: []stacks.Goroutine{own, waiter, sleeper}}
	own.State = "sync.WaitGroup.Wait"
	samples <- sample{at: at(20), goroutines: []stacks.Goroutine{own, waiter, sleeper}}
	samples <- sample{at: at(30), goroutines: []stacks.Goroutine{waiter, sleeper}} // the cell's code has returned
	r.mu.Lock()
	r.clock = func() time.Time { return at(33) }
	r.mu.Unlock()
	ended()
	samples <- sample{at: at(40), goroutines: []stacks.Goroutine{sleeper}}
	samples <- sample{at: at(50)} // none left: the sampler stops by itself
	<-r.done

	tl := r.timeline()
	assert.Equal(t, "cell2", tl.Cell)
	assert.Equal(t, 6, tl.Samples)
	assert.Empty(t, tl.Stopped, "the goroutines ended before the timeline was asked for")
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	assert.Equal(t, []wire.Track{
		{ID: 7, Own: true, States: []wire.Interval{
			{State: wire.StateRunning, From: 0, To: ms(20)}, {State: wire.StateSync, From: ms(20), To: ms(25)}}},
		{ID: 8, Start: "wg.Go", States: []wire.Interval{{State: wire.StateChan, From: ms(5), To: ms(35)}}},
		{ID: 9, Start: "go", States: []wire.Interval{{State: wire.StateSleep, From: ms(5), To: ms(45)}}},
	}, tl.Goroutines)
	assert.Equal(t, ms(40), tl.End, "the last goroutine was last seen at 40ms")
	// A goroutine first seen at 10ms started after the look at 0ms, and
	// one gone at 30ms ended after the look at 20ms: halfway, on average.
}

func TestTimelineAskedForWhileGoroutinesRunStopsSampling(t *testing.T) {
	r, samples := scripted(t)
	ended := r.begin("cell5")
	ticker := goroutineOf("cell5", 11, "chan receive", interpPkg+"call.func9")
	samples <- sample{at: r.origin, goroutines: []stacks.Goroutine{ticker}}
	ended()
	got := make(chan wire.Timeline)
	go func() { got <- r.timeline() }()
	// The sampler may be waiting for its next sample, or timeline may be
	// taking its last look: either way, one more sample ends it.
	samples <- sample{at: time.Now(), goroutines: []stacks.Goroutine{ticker}}
	select {
	case tl := <-got:
		assertStillRunning(t, tl)
	case samples <- sample{at: time.Now(), goroutines: []stacks.Goroutine{ticker}}:
		assertStillRunning(t, <-got)
	}
	assert.Nil(t, r.stop, "no sampler runs")
}

func assertStillRunning(t *testing.T, tl wire.Timeline) {
	t.Helper()
	require.Len(t, tl.Goroutines, 1)
	assert.True(t, tl.Goroutines[0].Alive)
	assert.Equal(t, "the timeline was asked for", tl.Stopped)
}

func TestNextCellStartsAFreshTimeline(t *testing.T) {
	r, samples := scripted(t)
	r.begin("cell1")
	samples <- sample{at: r.origin, goroutines: []stacks.Goroutine{goroutineOf("cell1", 4, "sleep", "time.goFunc")}}
	ended := r.begin("cell2") // stops the first sampler, which waits for its next sample
	// A look that sees the cell's own code keeps the sampler going whether
	// or not ended has run by then; the empty one after it is the last.
	samples <- sample{at: r.origin, goroutines: []stacks.Goroutine{goroutineOf("cell2", 9, "running", evalGoroutine)}}
	ended()
	samples <- sample{at: r.origin}
	<-r.done
	tl := r.timeline()
	assert.Equal(t, "cell2", tl.Cell)
	require.Len(t, tl.Goroutines, 1, "cell1's goroutine is not in cell2's timeline")
	assert.True(t, tl.Goroutines[0].Own)
}

func TestRecorderWithoutACellRecordsNothing(t *testing.T) {
	var r recorder
	r.begin("")() // a replay
	assert.Nil(t, r.stop)
	assert.Equal(t, wire.Timeline{Goroutines: []wire.Track{}}, r.timeline())
}

func TestTooManyGoroutinesAreCounted(t *testing.T) {
	r, samples := scripted(t)
	ended := r.begin("cell1")
	var gs []stacks.Goroutine
	for i := range maxTracks + 3 {
		gs = append(gs, goroutineOf("cell1", int64(100+i), "sleep", "sync.(*WaitGroup).Go"))
	}
	samples <- sample{at: r.origin, goroutines: gs}
	ended()
	samples <- sample{at: r.origin}
	<-r.done
	tl := r.timeline()
	assert.Len(t, tl.Goroutines, maxTracks)
	assert.Equal(t, 3, tl.Dropped)
}

func TestRealSamplerSeesTheCellsGoroutinesAndStops(t *testing.T) {
	var r recorder
	release := make(chan struct{})
	var wg sync.WaitGroup
	ended := r.begin("cellT")
	pprof.Do(context.Background(), pprof.Labels(stacks.CellLabel, "cellT"), func(context.Context) {
		wg.Go(func() { <-release })
	})
	// Goroutines started here are the worker package's own, which a
	// timeline leaves out; the test only checks that the sampler runs and
	// then stops by itself.
	require.Eventually(t, func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return r.tl.Samples >= 2
	}, 10*time.Second, time.Millisecond)
	ended()
	close(release)
	wg.Wait()
	<-r.done // the cell has ended and left nothing: the sampler returns
	assert.Positive(t, r.timeline().Samples)
}

func TestStateOf(t *testing.T) {
	for state, want := range map[string]wire.State{
		"running": wire.StateRunning, "runnable": wire.StateRunning, "chan send": wire.StateChan,
		"select": wire.StateSelect, "sleep": wire.StateSleep, "sync.Mutex.Lock": wire.StateSync,
		"IO wait": wire.StateIO, "GC assist wait": wire.StateOther,
	} {
		assert.Equal(t, want, stateOf(stacks.Goroutine{State: state}), state)
	}
	send := stacks.Goroutine{State: "select", Frames: []stacks.Frame{{Func: "runtime.gopark"}, {Func: "reflect.rselect"}, {Func: interpPkg + "send.func3"}}}
	assert.Equal(t, wire.StateChan, stateOf(send), "the interpreter sends in a select: the learner's code sends")
}

func TestStartedBy(t *testing.T) {
	compiled := stacks.Goroutine{CreatedBy: "github.com/gophertutor/concurrency/lessons/00-overview.Concurrent",
		Frames: []stacks.Frame{{Func: "time.Sleep"}, {Func: "github.com/gophertutor/concurrency/lessons/00-overview.Concurrent.func1"}}}
	assert.Equal(t, "00-overview.Concurrent.func1", startedBy(compiled))
	assert.Equal(t, "wg.Go", startedBy(stacks.Goroutine{CreatedBy: "sync.(*WaitGroup).Go"}))
	assert.Equal(t, "AfterFunc", startedBy(stacks.Goroutine{CreatedBy: "time.goFunc"}))
	assert.Equal(t, "go", startedBy(stacks.Goroutine{CreatedBy: interpPkg + "call.func9"}))
	assert.Equal(t, "exec.(*Cmd).Start", startedBy(stacks.Goroutine{CreatedBy: "os/exec.(*Cmd).Start", Frames: []stacks.Frame{{Func: "runtime.goexit"}}}))
}

// BenchmarkSamplerOverhead measures how much sampling slows a cell: two
// goroutines of CPU-bound work (the machine's two cores), with no other
// goroutine and with a thousand idle ones (more to dump), run in turn
// without and with the sampler looking at every goroutine, so that a
// change in the machine's load affects both. It reports the slowdown in
// percent and the samples taken per second.
func BenchmarkSamplerOverhead(b *testing.B) {
	work := func() {
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				sum := [32]byte{}
				for range 200000 {
					sum = sha256.Sum256(sum[:])
				}
			})
		}
		wg.Wait()
	}
	for _, idle := range []int{0, 1000} {
		b.Run(fmt.Sprintf("idle=%d", idle), func(b *testing.B) {
			release := make(chan struct{})
			var wg sync.WaitGroup
			for range idle {
				wg.Go(func() { <-release })
			}
			defer wg.Wait()
			defer close(release)
			measureOverhead(b, work)
		})
	}
}

// measureOverhead runs work without and with a sampler, in turn.
func measureOverhead(b *testing.B, work func()) {
	var off, on time.Duration
	samples := 0
	var r recorder // one for the whole run, as in the worker
	for b.Loop() {
		start := time.Now()
		work()
		off += time.Since(start)

		start = time.Now()
		ended := r.begin("cellB")
		pprof.Do(context.Background(), pprof.Labels(stacks.CellLabel, "cellB"), func(context.Context) { work() })
		ended()
		on += time.Since(start)
		samples += r.timeline().Samples
	}
	b.ReportMetric(100*(on.Seconds()/off.Seconds()-1), "%slower")
	b.ReportMetric(float64(samples)/on.Seconds(), "samples/s")
}

func TestPaceBacksOffWithTheCostOfALook(t *testing.T) {
	assert.Equal(t, sampleInterval, pace(10*time.Microsecond, 4<<10))
	assert.Equal(t, 8*time.Millisecond, pace(200*time.Microsecond, 4<<10))
	assert.Equal(t, maxPace, pace(5*time.Millisecond, 4<<10), "a small dump that seemed costly waited for a CPU")
	assert.Equal(t, 200*time.Millisecond, pace(5*time.Millisecond, 1<<20), "a large one is costly")
}

func TestRecorderFollowsChildProcesses(t *testing.T) {
	r, samples := scripted(t)
	ended := r.begin("cell4")
	origin := r.origin
	at := func(ms int) time.Time { return origin.Add(time.Duration(ms) * time.Millisecond) }
	own := goroutineOf("cell4", 7, "select", evalGoroutine)
	pool := child{PID: 100, Name: "PoolWorker-1"}
	proc := child{PID: 200, Name: "Process-3", Running: true}

	samples <- sample{at: at(0), goroutines: []stacks.Goroutine{own}, children: []child{pool}}
	samples <- sample{at: at(10), goroutines: []stacks.Goroutine{own}, children: []child{pool, proc}}
	proc.Running = false
	samples <- sample{at: at(20), goroutines: []stacks.Goroutine{own}, children: []child{pool, proc}}
	ended()                                                // after a look that saw the cell's code: the next look is the last
	samples <- sample{at: at(30), children: []child{pool}} // the cell's process has exited
	<-r.done                                               // the pool's worker does not keep the sampler going

	tl := r.timeline()
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	assert.Equal(t, []wire.Track{
		{ID: 100, Start: "PoolWorker-1", Alive: true, States: []wire.Interval{{State: wire.StateIO, From: 0, To: ms(30)}}},
		{ID: 200, Start: "Process-3", States: []wire.Interval{
			{State: wire.StateRunning, From: ms(5), To: ms(20)}, {State: wire.StateIO, From: ms(20), To: ms(25)}}},
	}, tl.Processes)
	assert.Equal(t, 4, tl.Samples)
}

// TestRecorderLeavesOutAnEarlierCellsIdleProcesses: a pool made by an
// earlier cell has workers that live on; a cell such as 1 + 1 that does
// not use them gets no lanes for them, one that keeps them busy does.
func TestRecorderLeavesOutAnEarlierCellsIdleProcesses(t *testing.T) {
	r, samples := scripted(t)
	r.dumper.names = map[int]string{100: "PoolWorker-1", 101: "PoolWorker-2"} // what an earlier cell's looks listed
	ended := r.begin("cell5")
	origin := r.origin
	at := func(ms int) time.Time { return origin.Add(time.Duration(ms) * time.Millisecond) }
	own := goroutineOf("cell5", 7, "running", evalGoroutine)
	idle := child{PID: 100, Name: "PoolWorker-1"}
	busy := child{PID: 101, Name: "PoolWorker-2", Running: true}
	started := child{PID: 200, Name: "Process-1"}

	samples <- sample{at: at(0), goroutines: []stacks.Goroutine{own}, children: []child{idle, busy, started}}
	ended()
	samples <- sample{at: at(10), children: []child{idle, busy, started}}
	<-r.done

	var names []string
	for _, p := range r.timeline().Processes {
		names = append(names, p.Start)
	}
	assert.Equal(t, []string{"PoolWorker-2", "Process-1"}, names)
}

// startedBefore tells a process that was running before a cell began from
// one that the cell started: init (pid 1) began long before a cell that
// begins now, and this test binary after one that began 1000 hours ago.
func TestStartedBeforeReadsTheStartTime(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc here: startedBefore cannot tell, and says false")
	}
	assert.True(t, startedBefore(1, 0), "init began before a cell that begins now")
	assert.False(t, startedBefore(os.Getpid(), 1000*time.Hour), "this process did not exist 1000 hours ago")
	assert.False(t, startedBefore(-1, 0), "no such process")
}
