package futures

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

var (
	label = processes.Register2("test.label", func(_ context.Context, n int, name string) (string, error) {
		return fmt.Sprintf("%s:%d", name, n*n), nil
	})

	// inFlight counts the calls of counted running now, and their peak, in
	// this process (a ThreadPool's tasks).
	inFlight, peakInFlight atomic.Int64

	counted = processes.Register("test.counted", func(ctx context.Context, g gate) (string, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peakInFlight.Load()
			if n <= p || peakInFlight.CompareAndSwap(p, n) {
				break
			}
		}
		return gated.Call(ctx, g)
	})

	failOdd = processes.Register("test.failodd", func(_ context.Context, n int) (int, error) {
		if n%2 == 1 {
			return 0, fmt.Errorf("%d is odd", n)
		}
		return n, nil
	})
)

// Python: map(fn, *iterables) yields results in the order of the
// arguments, over several iterables zipped.
func TestMapKeepsTheOrderOfItsArguments(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 2)
		for _, chunk := range []int{1, 3, 100} {
			var got []string
			for v, err := range Map(t.Context(), ex, label, Zip([]int{1, 2, 3, 4, 5}, []string{"a", "b", "c", "d"}), WithChunkSize(chunk)) {
				require.NoError(t, err)
				got = append(got, v)
			}
			assert.Equal(t, []string{"a:1", "b:4", "c:9", "d:16"}, got, "chunk size %d: zip stops at the shorter", chunk)
		}
	})
}

// Map is lazy: it reads its input only as the loop goes, and runs at most
// its buffer of tasks ahead of the loop.
func TestMapIsLazyAndBounded(t *testing.T) {
	ex := kinds[0].make(t, 8)
	g := newGates(t)
	read := 0
	input := func(yield func(gate) bool) {
		for i := range 100 {
			read++
			gt := g.gate(fmt.Sprint(i))
			require.NoError(t, gt.Release.TryPut(struct{}{})) // each may return at once
			if !yield(gt) {
				return
			}
		}
	}
	seq := Map(t.Context(), ex, counted, input, WithBuffer(3))
	assert.Zero(t, read, "nothing is read before the loop starts")
	peakInFlight.Store(0)
	n := 0
	for v, err := range seq {
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprint(n), v)
		n++
		assert.LessOrEqual(t, read, n+3, "at most the buffer is read ahead of the loop")
		if n == 10 {
			break
		}
	}
	assert.LessOrEqual(t, peakInFlight.Load(), int64(3), "at most the buffer runs at once")
	require.NoError(t, ex.Close())
	assert.LessOrEqual(t, read, 13, "breaking out stops reading")
}

// One rule for a failing element: its error comes in its place, and the
// loop decides whether to go on.
func TestMapYieldsEachErrorInItsPlace(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 2)
		var vals []int
		var errs []string
		for v, err := range Map(t.Context(), ex, failOdd, slices.Values([]int{0, 1, 2, 3, 4}), WithChunkSize(2)) {
			vals = append(vals, v)
			if err != nil {
				errs = append(errs, err.Error())
			}
		}
		assert.Equal(t, []int{0, 0, 2, 0, 4}, vals)
		require.Len(t, errs, 2)
		assert.Contains(t, errs[0], "1 is odd")
		assert.Contains(t, errs[1], "3 is odd")
	})
}

// Python: map(timeout) raises TimeoutError and cancels the calls not
// started; here the running ones are stopped too.
func TestMapWithAnEndedContextStopsAndSaysHowFarItGot(t *testing.T) {
	eachKind(t, func(t *testing.T, k kind) {
		ex := k.make(t, 1)
		g := newGates(t)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		args := []gate{g.gate("0"), g.gate("1"), g.gate("2")}
		g.let(t, "0")
		var last error
		n := 0
		for _, err := range Map(ctx, ex, gated, slices.Values(args)) {
			if err != nil {
				last = err
				break
			}
			n++
			cancel()
		}
		assert.Equal(t, 1, n)
		require.ErrorIs(t, last, context.Canceled)
		assert.ErrorContains(t, last, "1 results came")
	})
}

func TestMapBadInput(t *testing.T) {
	ex := kinds[0].make(t, 1)
	for _, tc := range []struct {
		name string
		seq  iter.Seq2[int, error]
		says string
	}{
		{"chunk 0", Map(t.Context(), ex, square, slices.Values([]int{1}), WithChunkSize(0)), "WithChunkSize(0)"},
		{"buffer 0", Map(t.Context(), ex, square, slices.Values([]int{1}), WithBuffer(0)), "WithBuffer(0)"},
		{"nil executor", Map(t.Context(), nil, square, slices.Values([]int{1})), "the executor is nil"},
		{"nil function", Map[int, int](t.Context(), ex, nil, slices.Values([]int{1})), "the function is nil"},
		{"nil arguments", Map(t.Context(), ex, square, nil), "the arguments are nil"},
	} {
		n := 0
		for _, err := range tc.seq {
			n++
			assert.ErrorContains(t, err, tc.says, tc.name)
		}
		assert.Equal(t, 1, n, "%s: one error, then nothing", tc.name)
	}
	require.NoError(t, ex.Close())
	for _, err := range Map(t.Context(), ex, square, slices.Values([]int{1, 2})) {
		require.ErrorIs(t, err, ErrShutdown)
	}
	var empty int
	for range Map(t.Context(), kinds[0].make(t, 1), square, slices.Values([]int{})) {
		empty++
	}
	assert.Zero(t, empty)
}
