package processes

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQueueIsFIFO(t *testing.T) {
	q := NewQueue[string](0)
	for _, s := range []string{"red", "green", "blue"} {
		require.NoError(t, q.Put(t.Context(), s))
	}
	assert.Equal(t, 3, q.Len())
	var got []string
	for {
		v, err := q.TryGet()
		if err != nil {
			require.ErrorIs(t, err, ErrEmpty)
			break
		}
		got = append(got, v)
	}
	assert.Equal(t, []string{"red", "green", "blue"}, got)
}

func TestQueueBoundAndTimeout(t *testing.T) {
	q := NewQueue[int](2)
	require.NoError(t, q.TryPut(1))
	require.NoError(t, q.TryPut(2))
	require.ErrorIs(t, q.TryPut(3), ErrFull)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.ErrorIs(t, q.Put(ctx, 3), context.Canceled, "a full queue makes Put wait, until ctx ends")

	_, _ = q.TryGet()
	_, _ = q.TryGet()
	timed, stop := context.WithTimeout(t.Context(), 5*time.Millisecond)
	defer stop()
	_, err := q.Get(timed)
	require.ErrorIs(t, err, context.DeadlineExceeded, "Python's get(timeout=t) is Get with a deadline")
}

func TestQueueCloseDrainsThenReports(t *testing.T) {
	q := NewQueue[int](0)
	require.NoError(t, q.Put(t.Context(), 1))
	require.NoError(t, q.Close())
	require.ErrorIs(t, q.Put(t.Context(), 2), ErrQueueClosed)
	v, err := q.Get(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 1, v)
	_, err = q.Get(t.Context())
	require.ErrorIs(t, err, ErrQueueClosed)
}

func TestAClosedDrainedQueueIsForgotten(t *testing.T) {
	q := NewQueue[int](0)
	require.NoError(t, q.Put(t.Context(), 1))
	require.NoError(t, q.Close())
	_, held := queues.Load(q.id)
	assert.True(t, held, "closed but not empty: still held")
	_, err := q.Get(t.Context())
	require.NoError(t, err)
	_, held = queues.Load(q.id)
	assert.False(t, held, "closed and drained: forgotten")
	_, err = q.Get(t.Context())
	require.ErrorIs(t, err, ErrQueueClosed)

	// A child that still has a handle gets ErrQueueClosed too.
	got, err := startProcess(t, getWithTimeout, q).Wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, ErrQueueClosed.Error(), got)
}

func TestQueueRejectsWhatCannotBeEncoded(t *testing.T) {
	q := NewQueue[func()](0)
	err := q.Put(t.Context(), func() {})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "plain data")
}

// The syllabus' task-queue example: 5 tasks, 4 worker processes, results in
// a second queue.
func TestTaskQueueWithFourProcesses(t *testing.T) {
	args := queueArgs{Tasks: NewQueue[string](0), Results: NewQueue[string](0)}
	for i := range 5 {
		require.NoError(t, args.Tasks.Put(t.Context(), fmt.Sprintf("task no %d", i)))
	}
	var workers []*Process[int]
	for range 4 {
		workers = append(workers, startProcess(t, drainTasks, args))
	}
	total := 0
	for _, w := range workers {
		n, err := w.Wait(t.Context())
		require.NoError(t, err)
		total += n
	}
	assert.Equal(t, 5, total)
	var results []string
	for {
		r, err := args.Results.TryGet()
		if err != nil {
			break
		}
		results = append(results, r)
	}
	require.Len(t, results, 5)
	sort.Strings(results)
	for i, r := range results {
		assert.True(t, strings.HasPrefix(r, fmt.Sprintf("task no %d done by Process-", i)), r)
	}
}

func TestAChildWaitsOnTheParentsQueue(t *testing.T) {
	q := NewQueue[int](0)
	p := startProcess(t, waitForItem, q)
	require.NoError(t, q.Put(t.Context(), 42))
	v, err := p.Wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 42, v)
}

func TestTimeoutAndFullFromAChild(t *testing.T) {
	got, err := startProcess(t, getWithTimeout, NewQueue[int](0)).Wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "deadline", got)

	q := NewQueue[int](3)
	got, err = startProcess(t, putUntilFull, q).Wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "3 put, then "+ErrFull.Error(), got)
	assert.Equal(t, 3, q.Len())
}

// A child never outlives its parent: kill a child that has a child of its
// own, and the grandchild exits too.
func TestAGrandchildDiesWithItsParent(t *testing.T) {
	pids := NewQueue[int](0)
	parent := startProcess(t, parentOfAGrandchild, pids)
	grandchild, err := pids.Get(t.Context())
	require.NoError(t, err)
	require.True(t, running(grandchild), "the grandchild is running")

	require.NoError(t, parent.Kill())
	_, err = parent.Wait(t.Context())
	require.Error(t, err)

	// The grandchild's pipe to its parent closed: it exits on its own. It
	// is not our child, so we can only watch it go (bounded wait).
	require.Eventually(t, func() bool { return !running(grandchild) }, 10*time.Second, time.Millisecond,
		"the grandchild %d should exit when its parent dies", grandchild)
}

// running reports whether pid is a live process (not gone, not a zombie).
func running(pid int) bool {
	if err := syscall.Kill(pid, 0); err != nil {
		return false
	}
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true // no /proc (macOS): signal 0 is all we have
	}
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}

// A handle passed from a child to a grandchild reaches the queue's owner,
// even where the child has a queue of its own with the same ID.
func TestAQueueHandleGoesDownTwoGenerations(t *testing.T) {
	q := NewQueue[string](0)
	defer q.Close()
	n, err := startProcess(t, relayQueue, q).Wait(t.Context())
	require.NoError(t, err)
	assert.Zero(t, n, "the child's own queue got nothing")
	got, err := q.TryGet()
	require.NoError(t, err)
	assert.Regexp(t, `^hello from Process-\d+$`, got)
}

func TestAQueueOfInterfaces(t *testing.T) {
	q := NewQueue[any](0)
	require.NoError(t, q.Put(t.Context(), 5))
	require.NoError(t, q.Put(t.Context(), "five"))
	type unregistered struct{ N int }
	err := q.Put(t.Context(), unregistered{5})
	require.ErrorContains(t, err, "call gob.Register")
	assert.Equal(t, 2, q.Len(), "the refused item was not added")
	v, err := q.Get(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 5, v)
	v, err = q.Get(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "five", v)
}

func TestANilPointerIsRefusedByPut(t *testing.T) {
	q := NewQueue[*int](0)
	require.ErrorContains(t, q.Put(t.Context(), nil), "item is a nil *int")
	require.ErrorContains(t, q.TryPut(nil), "item is a nil *int")
	x := 7
	require.NoError(t, q.TryPut(&x))
	got, err := q.TryGet()
	require.NoError(t, err)
	assert.Equal(t, 7, *got)
}

func TestANegativeCapacityPanics(t *testing.T) {
	assert.PanicsWithValue(t, "processes: NewQueue(-1): a capacity cannot be negative; use 0 for a queue with no bound",
		func() { NewQueue[int](-1) })
}

// A child that closed the pipe from its parent still dies with its parent:
// it watches the parent's pid too.
func TestADeafGrandchildDiesWithItsParent(t *testing.T) {
	pids := NewQueue[int](0)
	parent := startProcess(t, deafGrandparent, pids)
	grandchild, err := pids.Get(t.Context())
	require.NoError(t, err)
	require.True(t, running(grandchild), "the grandchild is running")
	require.NoError(t, parent.Kill())
	_, err = parent.Wait(t.Context())
	require.Error(t, err)
	require.Eventually(t, func() bool { return !running(grandchild) }, 10*time.Second, time.Millisecond,
		"the grandchild %d should exit when its parent dies, though it closed its pipe", grandchild)
}
