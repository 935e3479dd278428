package processes

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newPool(t *testing.T, n int, opts ...Option) *Pool {
	t.Helper()
	p, err := NewPool(n, opts...)
	require.NoError(t, err)
	t.Cleanup(func() {
		p.Terminate()
		require.NoError(t, p.Join(context.Background()))
	})
	return p
}

func TestMapKeepsInputOrder(t *testing.T) {
	p := newPool(t, 2)
	args := make([]int, 100)
	for i := range args {
		args[i] = i
	}
	got, err := Map(t.Context(), p, square, args, WithChunkSize(1))
	require.NoError(t, err)
	for i, v := range got {
		require.Equal(t, i*i, v)
	}
}

func TestMapReusesTheWorkers(t *testing.T) {
	p := newPool(t, 2)
	got, err := Map(t.Context(), p, echoWorker, []int{1, 2, 3, 4, 5, 6, 7, 8}, WithChunkSize(1))
	require.NoError(t, err)
	workers := map[string]bool{}
	for _, s := range got {
		_, name, _ := strings.Cut(s, "@")
		workers[name] = true
	}
	assert.Len(t, workers, 2, "eight tasks, two workers: %v", got)
	for name := range workers {
		assert.Regexp(t, `^PoolWorker-\d+$`, name)
	}
}

// TestWorkersReadTheirPipesThroughThePoller guards BenchmarkPoolCPUBound:
// a worker blocked in read(2) holds a thread and its P in a system call,
// which the runtime's sysmon retakes, waking every 20 µs for a while after,
// once per task, stealing the CPU from the tasks.
func TestWorkersReadTheirPipesThroughThePoller(t *testing.T) {
	p := newPool(t, 1)
	modes, err := Map(t.Context(), p, pipeModes, []struct{}{{}})
	require.NoError(t, err)
	assert.Equal(t, [2]bool{true, true}, modes[0], "fds 3 and 4 of a worker should be non-blocking")

	proc := New(pipeModes, struct{}{})
	require.NoError(t, proc.Start(t.Context()))
	got, err := proc.Wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, [2]bool{true, true}, got, "fds 3 and 4 of a Process should be non-blocking")
}

func TestMapInChunks(t *testing.T) {
	p := newPool(t, 2)
	args := make([]int, 1000)
	for i := range args {
		args[i] = i
	}
	for _, size := range []int{0, 1, 7, 256, 5000} {
		var opts []MapOption
		if size > 0 {
			opts = append(opts, WithChunkSize(size)) // 0: the default
		}
		got, err := Map(t.Context(), p, square, args, opts...)
		require.NoError(t, err, "chunk size %d", size)
		require.Len(t, got, len(args))
		assert.Equal(t, 999*999, got[999], "chunk size %d", size)
	}
	got, err := Map(t.Context(), p, square, nil)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestStarmap(t *testing.T) {
	p := newPool(t, 2)
	got, err := Map(t.Context(), p, labelled, []Pair[[]int, string]{
		{[]int{1}, "test1"}, {[]int{2}, "test2"}, {[]int{3}, "test3"}, {[]int{4}, "test4"},
	})
	require.NoError(t, err)
	assert.Equal(t, [][]map[string]int{{{"test1": 2}}, {{"test2": 4}}, {{"test3": 6}}, {{"test4": 8}}}, got)
}

func TestMapReportsTheFirstFailedTaskAndKeepsTheOthers(t *testing.T) {
	p := newPool(t, 2)
	got, err := Map(t.Context(), p, panicking, []string{"a", "b"})
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "a", pe.Value)
	assert.Contains(t, err.Error(), "task 0")
	assert.Len(t, got, 2)

	// The workers survived the panics.
	sq, err := Map(t.Context(), p, square, []int{3})
	require.NoError(t, err)
	assert.Equal(t, []int{9}, sq)
}

func TestAWorkerThatDiesFailsOnlyItsTask(t *testing.T) {
	p := newPool(t, 2, WithStderr(io.Discard))
	got, err := Map(t.Context(), p, crashIf, []int{1, 2, -1, 4, 5, 6}, WithChunkSize(1))
	var died *WorkerDiedError
	require.ErrorAs(t, err, &died)
	assert.Equal(t, 7, died.Exit.Code)
	assert.Contains(t, err.Error(), "task 2")
	assert.Equal(t, []int{2, 4, 0, 8, 10, 12}, got, "every other task ran, none was lost")

	// In chunks, the tasks sent with the crashing one fail with it.
	got, err = Map(t.Context(), p, crashIf, []int{1, 2, 3, -1, 5, 6, 7, 8}, WithChunkSize(4))
	require.ErrorAs(t, err, &died)
	assert.Contains(t, err.Error(), "tasks 0 to 3 were sent to the worker together (chunk size 4)")
	assert.Equal(t, []int{0, 0, 0, 0, 10, 12, 14, 16}, got)

	// The pool replaced the worker and goes on.
	got, err = Map(t.Context(), p, crashIf, []int{10, 20, 30})
	require.NoError(t, err)
	assert.Equal(t, []int{20, 40, 60}, got)
}

func TestApplyAsyncCallbacksRunInCompletionOrder(t *testing.T) {
	p := newPool(t, 2)
	var mu sync.Mutex
	var calls []string
	done := make(chan struct{})
	var results []*AsyncResult[int]
	for _, n := range []int{1, 2, 3} {
		r, err := ApplyAsync(t.Context(), p, square, n, func(v int, err error) {
			mu.Lock()
			defer mu.Unlock()
			require.NoError(t, err)
			calls = append(calls, strings.Repeat("x", v))
			if len(calls) == 3 {
				close(done)
			}
		})
		require.NoError(t, err)
		results = append(results, r)
	}
	for i, r := range results {
		v, err := r.Get(t.Context())
		require.NoError(t, err)
		assert.Equal(t, (i+1)*(i+1), v)
		assert.NotNil(t, r.Done())
	}
	<-done
	mu.Lock()
	assert.ElementsMatch(t, []string{"x", "xxxx", "xxxxxxxxx"}, calls)
	mu.Unlock()
}

func TestGetReturnsAfterTheCallback(t *testing.T) {
	// As in Python (ApplyResult sets its event after the callback): what a
	// callback writes, with no lock, is there to read once Get returns; the
	// race detector checks the order.
	p := newPool(t, 2)
	counts := make([]int, 4)
	errs := make([]error, 4)
	var results []*AsyncResult[int]
	for i := range counts {
		r, err := ApplyAsync(t.Context(), p, square, i+1, func(v int, err error) { counts[i], errs[i] = v, err })
		require.NoError(t, err)
		results = append(results, r)
	}
	for _, r := range results {
		<-r.Done()
	}
	assert.Equal(t, []int{1, 4, 9, 16}, counts)
	assert.Equal(t, make([]error, 4), errs)

	// A task cancelled before it starts has its callback run before Get too.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var got error
	r, err := ApplyAsync(ctx, p, square, 5, func(_ int, err error) { got = err })
	require.NoError(t, err)
	_, err = r.Get(t.Context())
	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, err, got)
}

func TestTerminateFromACallback(t *testing.T) {
	p := newPool(t, 2)
	// The task that never ends goes first, so that it is in the pool when
	// the callback of the quick one terminates it.
	slow, err := ApplyAsync(t.Context(), p, ignoreCancel, struct{}{}, nil)
	require.NoError(t, err)
	stopped := make(chan struct{})
	_, err = ApplyAsync(t.Context(), p, square, 2, func(int, error) {
		p.Terminate()
		close(stopped)
	})
	require.NoError(t, err)
	<-stopped
	_, err = slow.Get(t.Context())
	require.ErrorIs(t, err, ErrPoolTerminated)
	require.NoError(t, p.Join(t.Context()))
}

func TestCloseFinishesTheTasksThenJoin(t *testing.T) {
	p, err := NewPool(2)
	require.NoError(t, err)
	r, err := ApplyAsync(t.Context(), p, sleepy, 20*time.Millisecond, nil)
	require.NoError(t, err)
	p.Close()
	require.NoError(t, p.Join(t.Context()))
	name, err := r.Get(t.Context())
	require.NoError(t, err, "a task given before Close still runs")
	assert.Regexp(t, `^PoolWorker-\d+$`, name)
}

func TestPoolBadInput(t *testing.T) {
	for _, n := range []int{0, -3} {
		_, err := NewPool(n)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "a pool needs at least 1")
	}

	p, err := NewPool(1)
	require.NoError(t, err)
	require.ErrorContains(t, p.Join(t.Context()), "call Close or Terminate first")
	p.Close()
	_, err = Map(t.Context(), p, square, []int{1})
	require.ErrorIs(t, err, ErrPoolClosed)
	_, err = ApplyAsync(t.Context(), p, square, 1, nil)
	require.ErrorIs(t, err, ErrPoolClosed)
	require.NoError(t, p.Join(t.Context()))
	p.Close() // closing twice is harmless

	p2 := newPool(t, 1)
	_, err = Map(t.Context(), p2, &Func[int, int]{}, []int{1})
	require.ErrorIs(t, err, ErrNotRegistered)
}

func TestMapStopsWhenItsContextEnds(t *testing.T) {
	p := newPool(t, 2)
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() {
		_, err := Map(ctx, p, blockUntilCancelled, make([]struct{}, 10), WithChunkSize(1))
		errc <- err
	}()
	cancel()
	require.ErrorIs(t, <-errc, context.Canceled)

	// The cancelled tasks stopped in the workers; the pool is free again.
	got, err := Map(t.Context(), p, square, []int{5})
	require.NoError(t, err)
	assert.Equal(t, []int{25}, got)
}

// An idle worker takes back a task queued behind a busy worker's long one:
// no task waits for another while a worker is free.
func TestAnIdleWorkerTakesWorkQueuedBehindALongTask(t *testing.T) {
	p := newPool(t, 2)
	started := NewQueue[string](0)
	release := NewQueue[struct{}](0)
	long := NewQueue[struct{}](0)
	defer started.Close()
	longOne, err := ApplyAsync(t.Context(), p, gated, gate{"long", started, long}, nil)
	require.NoError(t, err)
	name, err := started.Get(t.Context())
	require.NoError(t, err)
	require.Equal(t, "long", name)

	// Seven short tasks: the long one's worker is sent some of them ahead,
	// before it is seen to be slow.
	var short []*AsyncResult[string]
	for i := range 7 {
		r, err := ApplyAsync(t.Context(), p, gated, gate{fmt.Sprint(i), started, release}, nil)
		require.NoError(t, err)
		short = append(short, r)
	}
	for range short {
		require.NoError(t, release.Put(t.Context(), struct{}{}))
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	for i, r := range short {
		got, err := r.Get(ctx)
		require.NoError(t, err, "short task %d waited behind the long one while a worker was idle", i)
		assert.True(t, strings.HasPrefix(got, fmt.Sprint(i)+"@"))
	}
	require.NoError(t, long.Put(t.Context(), struct{}{}))
	_, err = longOne.Get(t.Context())
	require.NoError(t, err)
}

// A task that ignores cancellation holds its worker for the grace period
// only: then the worker is replaced, and the pool goes on.
func TestATaskThatIgnoresCancelLosesItsWorkerAfterTheGrace(t *testing.T) {
	p := newPool(t, 1, WithGrace(20*time.Millisecond))
	started := NewQueue[string](0)
	defer started.Close()
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() {
		_, err := Map(ctx, p, startThenIgnoreCancel, []*Queue[string]{started})
		errc <- err
	}()
	worker, err := started.Get(t.Context())
	require.NoError(t, err)
	cancel()
	require.ErrorIs(t, <-errc, context.Canceled)

	got, err := Map(t.Context(), p, echoWorker, []int{1})
	require.NoError(t, err)
	assert.NotEqual(t, "1@"+worker, got[0], "a new worker ran it")
	p.Close()
	require.NoError(t, p.Join(t.Context()))
}

func TestTheInitializerRunsInEachWorkerBeforeItsTasks(t *testing.T) {
	p := newPool(t, 2, WithInitializer(setUp, "ready"))
	got, err := Map(t.Context(), p, readInitialized, []int{1, 2, 3, 4}, WithChunkSize(1))
	require.NoError(t, err)
	for _, s := range got {
		assert.Regexp(t, `^ready in PoolWorker-\d+$`, s)
	}
}

func TestAFailingInitializerFailsNewPool(t *testing.T) {
	_, err := NewPool(2, WithInitializer(setUp, "fail"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the initializer test.setup failed in PoolWorker-")
	assert.Contains(t, err.Error(), "set-up failed")
}

func TestMaxTasksPerWorkerReplacesTheWorkers(t *testing.T) {
	p := newPool(t, 1, WithMaxTasksPerWorker(2), WithInitializer(setUp, "ready"))
	got, err := Map(t.Context(), p, echoWorker, []int{1, 2, 3, 4, 5, 6}, WithChunkSize(1))
	require.NoError(t, err)
	workers := map[string]int{}
	for _, s := range got {
		_, name, _ := strings.Cut(s, "@")
		workers[name]++
	}
	assert.Len(t, workers, 3, "six tasks, two per worker: %v", got)
	for name, n := range workers {
		assert.Equal(t, 2, n, name)
	}
	got, err = Map(t.Context(), p, readInitialized, []int{1})
	require.NoError(t, err)
	assert.Regexp(t, `^ready in PoolWorker-\d+$`, got[0], "a replacement runs the initializer too")
}

func TestKillStopsTheWorkersAtOnce(t *testing.T) {
	p, err := NewPool(1)
	require.NoError(t, err)
	r, err := ApplyAsync(t.Context(), p, ignoreCancel, struct{}{}, nil)
	require.NoError(t, err)
	p.Kill()
	_, err = r.Get(t.Context())
	require.Error(t, err)
	require.NoError(t, p.Join(t.Context()))
}

func TestMorePoolBadInput(t *testing.T) {
	_, err := NewPool(100_000)
	require.ErrorContains(t, err, "at most")
	_, err = NewPool(1, WithMaxTasksPerWorker(0))
	require.ErrorContains(t, err, "at least 1 task")
	_, err = NewPool(1, WithGrace(-time.Second))
	require.ErrorContains(t, err, "cannot be negative")

	_, err = Map(t.Context(), nil, square, []int{1})
	require.ErrorContains(t, err, "the pool is nil")
	_, err = ApplyAsync(t.Context(), nil, square, 1, nil)
	require.ErrorContains(t, err, "the pool is nil")

	p, err := NewPool(1)
	require.NoError(t, err)
	_, err = Map(t.Context(), p, square, []int{1}, WithChunkSize(-1))
	require.ErrorContains(t, err, "a chunk holds at least 1 task")
	p.Close()
	_, err = Map(t.Context(), p, square, nil)
	require.ErrorIs(t, err, ErrPoolClosed, "even with nothing to map")
	require.NoError(t, p.Join(t.Context()))
}

func TestApplyAsyncWithAnEndedContextNeverStarts(t *testing.T) {
	p := newPool(t, 1)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r, err := ApplyAsync(ctx, p, exiting, 3, nil) // it would kill its worker
	require.NoError(t, err)
	_, err = r.Get(t.Context())
	require.ErrorIs(t, err, context.Canceled)
	got, err := Map(t.Context(), p, echoWorker, []int{1})
	require.NoError(t, err)
	assert.NotEmpty(t, got)
}

// A Map whose context ends returns only once the dispatcher has dropped its
// tasks, so that the caller may reuse the arguments at once: under -race,
// a write here racing with the dispatcher encoding one for a worker would
// be reported. (Submissions do not wait for the dispatcher; this does.)
func TestACancelledMapLetsTheCallerReuseItsArguments(t *testing.T) {
	p := newPool(t, 2)
	for range 20 {
		args := make([]int, 5000)
		ctx, cancel := context.WithCancel(t.Context())
		// Cancelled while the Map's tasks are being handed out, most times:
		// when a task given just before them has come back.
		_, err := ApplyAsync(t.Context(), p, square, 1, func(int, error) { cancel() })
		require.NoError(t, err)
		results := make(chan error, 1)
		go func() {
			_, err := Map(ctx, p, square, args, WithChunkSize(1))
			results <- err
		}()
		err = <-results
		cancel()
		if err == nil {
			continue // it finished first: nothing was cut short this time
		}
		require.ErrorIs(t, err, context.Canceled)
		for i := range args {
			args[i] = -1
		}
	}
}

func TestMapWithAnEndedContextStartsNone(t *testing.T) {
	p := newPool(t, 1)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := Map(ctx, p, exiting, []int{3, 3}) // they would kill the worker
	require.ErrorIs(t, err, context.Canceled)
	got, err := Map(t.Context(), p, echoWorker, []int{1})
	require.NoError(t, err)
	assert.NotEmpty(t, got)
}
