package beyond

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gophertutor/concurrency/internal/lessontest"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
	"github.com/nats-io/nats.go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newExecutor makes an embedded executor for one test, closed when the
// test ends.
func newExecutor(t *testing.T, workers int, opts ...Option) *JetStream {
	t.Helper()
	t.Setenv("NATS_URL", "")
	e, err := NewJetStream(workers, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, e.Close()) })
	return e
}

// within bounds a test's waits: long enough for a busy machine, short
// enough that a hang fails the test rather than the whole run.
func within(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestSubmitAndMap(t *testing.T) {
	ctx := within(t)
	e := newExecutor(t, 2)
	f, err := futures.Submit(ctx, e, square, 7)
	require.NoError(t, err)
	v, err := f.Result(ctx)
	require.NoError(t, err)
	assert.Equal(t, 49, v)

	var got []int
	for v, err := range futures.Map(ctx, e, square, slices.Values([]int{5, 1, 4, 2, 3, 9, 8})) {
		require.NoError(t, err)
		got = append(got, v)
	}
	assert.Equal(t, []int{25, 1, 16, 4, 9, 81, 64}, got, "Map yields in the order of its arguments")

	var errs []string
	for _, err := range futures.Map(ctx, e, failOdd, slices.Values([]int{2, 3, 4}), futures.WithChunkSize(2)) {
		if err != nil {
			errs = append(errs, err.Error())
		} else {
			errs = append(errs, "")
		}
	}
	require.Len(t, errs, 3)
	assert.Empty(t, errs[0])
	assert.Contains(t, errs[1], "3 is odd", "each argument has its own error, in a chunk too")
	assert.Empty(t, errs[2])
}

func TestTasksRunInTheWorkerProcesses(t *testing.T) {
	ctx := within(t)
	e := newExecutor(t, 2)
	f, err := futures.Submit(ctx, e, whoAmI, 0)
	require.NoError(t, err)
	name, err := f.Result(ctx)
	require.NoError(t, err)
	assert.Regexp(t, `^JetStreamWorker-[12]$`, name)
}

func TestTheEmbeddedServerRefusesAClientWithoutItsToken(t *testing.T) {
	e := newExecutor(t, 0)
	nc, err := nats.Connect(e.server.url(), nats.Timeout(5*time.Second))
	if nc != nil {
		nc.Close()
	}
	require.Error(t, err)
	assert.ErrorIs(t, err, nats.ErrAuthorization)
	assert.Contains(t, e.server.url(), "127.0.0.1:", "the embedded server listens on loopback only")
	socks := lessontest.Listening()
	require.NotEmpty(t, socks, "the server's listening socket, as /proc shows it")
	for _, s := range socks {
		assert.True(t, strings.HasPrefix(s, "0100007F:"), "a socket listens on %s, not on 127.0.0.1 (/proc's hex)", s)
	}

	nc, err = nats.Connect(e.server.url(), nats.Token(e.server.token))
	require.NoError(t, err, "with the token it connects")
	nc.Close()
}

func TestAKilledWorkersTaskRunsAgainOnAnother(t *testing.T) {
	ctx := within(t)
	e := newExecutor(t, 2, WithAckWait(500*time.Millisecond))
	f, err := futures.Submit(ctx, e, dieFirst, 1)
	require.NoError(t, err)
	attempt, err := f.Result(ctx)
	require.NoError(t, err, "the task was redelivered after its worker died, and finished")
	assert.Equal(t, 2, attempt, "it ran a second time")
}

func TestATaskThatKillsItsWorkerDoesNotTakeTheFinishedOneWithIt(t *testing.T) {
	ctx := within(t)
	runs := filepath.Join(t.TempDir(), "runs")
	t.Setenv(runsEnv, runs)
	e := newExecutor(t, 1, WithAckWait(500*time.Millisecond))
	for round := range 5 {
		// One worker: it finishes the first task, then takes the second,
		// which kills it at once.
		first, err := futures.Submit(ctx, e, logRun, round)
		require.NoError(t, err)
		killer, err := futures.Submit(ctx, e, dieFirst, round)
		require.NoError(t, err)
		_, err = killer.Result(ctx)
		require.NoError(t, err)
		v, err := first.Result(ctx)
		require.NoError(t, err)
		require.Equal(t, round, v)
	}
	data, err := os.ReadFile(runs)
	require.NoError(t, err)
	assert.Equal(t, "0\n1\n2\n3\n4\n", string(data),
		"each finished task ran once: its answer and acknowledgement went out before its worker took the task that killed it")
}

func TestAPoisonTaskGoesToTheDeadLetters(t *testing.T) {
	ctx := within(t)
	e := newExecutor(t, 2, WithAckWait(300*time.Millisecond), WithMaxAttempts(2))
	f, err := futures.Submit(ctx, e, alwaysDie, 1)
	require.NoError(t, err)
	_, err = f.Result(ctx)
	require.ErrorIs(t, err, ErrDeadLetter)
	assert.Contains(t, err.Error(), "delivered 2 times and never finished")

	dead, err := e.js.Stream(ctx, deadStream)
	require.NoError(t, err)
	info, err := dead.Info(ctx)
	require.NoError(t, err)
	assert.Equal(t, uint64(1), info.State.Msgs, "the task waits in the dead-letter stream")
}

func TestAWorkerWithoutTheFunctionGivesItBack(t *testing.T) {
	ctx := within(t)
	t.Setenv(lacksEnv, "1") // the workers start without parentOnly
	e := newExecutor(t, 1, WithMaxAttempts(2))
	f, err := futures.Submit(ctx, e, parentOnly, 1)
	require.NoError(t, err)
	_, err = f.Result(ctx)
	require.ErrorIs(t, err, ErrDeadLetter)
	assert.Contains(t, err.Error(), "not registered", "the error says why the workers gave it back")
	assert.Contains(t, err.Error(), "JetStreamWorker-1")
}

func TestAResultThatCameTwiceCountsOnce(t *testing.T) {
	ctx := within(t)
	e := newExecutor(t, 1)
	f, err := futures.Submit(ctx, e, square, 3)
	require.NoError(t, err)
	v, err := f.Result(ctx)
	require.NoError(t, err)
	require.Equal(t, 9, v)

	// The same answer again, as a worker whose acknowledgement was lost
	// would send it after running the task a second time.
	m := nats.NewMsg(resultsPrefix + e.id)
	m.Header.Set(hdrTask, "1")
	m.Header.Set(hdrWorker, "a second worker")
	_, err = e.nc.RequestMsg(m, 5*time.Second)
	require.NoError(t, err)
	assert.Equal(t, 1, e.Duplicates())
	v, err = f.Result(ctx)
	require.NoError(t, err)
	assert.Equal(t, 9, v, "the future keeps its first result")
}

func TestResultsThatCannotBeDecodedFailTheFuture(t *testing.T) {
	ctx := within(t)
	e := newExecutor(t, 0) // no worker: the task waits in the stream
	f, err := futures.Submit(ctx, e, square, 3)
	require.NoError(t, err)
	m := nats.NewMsg(resultsPrefix + e.id)
	m.Header.Set(hdrTask, "1")
	m.Header.Set(hdrWorker, "a broken worker")
	m.Data = []byte("not gob")
	_, err = e.nc.RequestMsg(m, 5*time.Second)
	require.NoError(t, err)
	_, err = f.Result(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "decode the results of beyond.test.square from a broken worker")
}

func TestStopCancelsTheTaskOnItsWorker(t *testing.T) {
	ctx := within(t)
	e := newExecutor(t, 1)
	f, err := futures.Submit(ctx, e, block, 0)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return f.State() == futures.Running }, 30*time.Second, 5*time.Millisecond)

	queued, err := futures.Submit(ctx, e, square, 2)
	require.NoError(t, err)
	assert.True(t, queued.Cancel(), "a task no worker has started can be cancelled")

	f.Stop()
	_, err = f.Result(ctx)
	require.ErrorIs(t, err, futures.ErrStopped)
	assert.ErrorIs(t, err, context.Canceled, "the function saw its context cancelled, in the worker")
	_, err = queued.Result(ctx)
	assert.ErrorIs(t, err, futures.ErrCancelled)
}

func TestShutdown(t *testing.T) {
	ctx := within(t)
	e := newExecutor(t, 0)
	pending, err := futures.Submit(ctx, e, square, 2)
	require.NoError(t, err)
	require.NoError(t, e.Shutdown(ctx, futures.CancelPending()))
	_, err = pending.Result(ctx)
	assert.ErrorIs(t, err, futures.ErrCancelled)
	_, err = futures.Submit(ctx, e, square, 2)
	assert.ErrorIs(t, err, futures.ErrShutdown)
	assert.NoError(t, e.Shutdown(ctx), "again is harmless")
}

func TestAnUnreachableServerIsAClearErrorSoon(t *testing.T) {
	start := time.Now()
	_, err := NewJetStream(1, WithURL("nats://127.0.0.1:1"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is a NATS server with JetStream running there?")
	assert.Less(t, time.Since(start), 30*time.Second)
}

func TestATaskWhoseArgumentCannotCrossFailsAtSubmit(t *testing.T) {
	e := newExecutor(t, 0)
	_, err := futures.Submit(within(t), e, funcArg, func() {})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "func")
}

func TestTheServerGoingAwayFailsTheFutures(t *testing.T) {
	ctx := within(t)
	e := newExecutor(t, 1)
	f, err := futures.Submit(ctx, e, block, 0)
	require.NoError(t, err)
	require.Eventually(t, func() bool { return f.State() == futures.Running }, 30*time.Second, 5*time.Millisecond)
	stopped := time.Now()
	e.server.srv.Shutdown()
	_, err = f.Result(ctx)
	t.Logf("the future failed %v after the server stopped", time.Since(stopped).Round(time.Millisecond))
	require.ErrorIs(t, err, futures.ErrBroken)
	assert.Contains(t, err.Error(), "lost the connection to NATS")
	_, err = futures.Submit(ctx, e, square, 1)
	assert.ErrorIs(t, err, futures.ErrBroken)
	if errors.Is(err, futures.ErrBroken) {
		t.Log(err)
	}
}
