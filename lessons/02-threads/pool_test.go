package threads

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// errUnlucky is the error of the jobs that fail in these tests.
var errUnlucky = errors.New("unlucky")

// mapper is the shape Map and MapErrgroup share; every test runs on both.
type mapper func(ctx context.Context, workers int, inputs []int, f func(context.Context, int) (int, error)) ([]int, error)

var mappers = map[string]mapper{
	"Map":         Map[int, int],
	"MapErrgroup": MapErrgroup[int, int],
}

// inFlight counts calls in flight and remembers the peak.
type inFlight struct {
	mu        sync.Mutex
	now, peak int
}

func (g *inFlight) enter() (leave func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.now++
	g.peak = max(g.peak, g.now)
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.now--
	}
}

func TestMapKeepsOrderAndBound(t *testing.T) {
	for name, run := range mappers {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var g inFlight
				start := time.Now()
				// Input n sleeps n seconds: later inputs finish first.
				got, err := run(t.Context(), 3, []int{5, 4, 3, 2, 1, 1, 1}, func(ctx context.Context, n int) (int, error) {
					defer g.enter()()
					return n * n, overview.Sleep(ctx, time.Duration(n)*time.Second)
				})
				require.NoError(t, err)
				assert.Equal(t, []int{25, 16, 9, 4, 1, 1, 1}, got)
				assert.Equal(t, 3, g.peak, "at most 3 calls at once, and 3 as soon as there is work for them")
				// 5 | 4 1 | 3 2 1: the last call ends at 6 s.
				assert.Equal(t, 6*time.Second, time.Since(start))
			})
		})
	}
}

func TestMapCancelsTheRestOnTheFirstError(t *testing.T) {
	for name, run := range mappers {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var calls sync.Map
				start := time.Now()
				got, err := run(t.Context(), 2, []int{1, 2, 3, 4, 5, 6}, func(ctx context.Context, n int) (int, error) {
					calls.Store(n, true)
					if n == 2 {
						time.Sleep(time.Second)
						return 0, errUnlucky
					}
					return n, overview.Sleep(ctx, time.Hour) // only cancellation ends it
				})
				require.ErrorIs(t, err, errUnlucky)
				assert.Equal(t, "map: input 1: unlucky", err.Error())
				assert.Nil(t, got)
				assert.Equal(t, time.Second, time.Since(start), "the error cancelled the hour-long calls")
				_, ranSix := calls.Load(6)
				assert.False(t, ranSix, "no new input starts after the error")
			})
		})
	}
}

// TestMapStartsNothingAfterTheFirstError: once a call has failed, no call
// of f starts, not even one with its context already cancelled. With
// errgroup, g.Go blocks for a free slot and gets the failed call's slot
// after the cancellation: the goroutine it starts must not call f.
func TestMapStartsNothingAfterTheFirstError(t *testing.T) {
	for name, run := range mappers {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var (
					mu          sync.Mutex
					started     []int
					alreadyDone []int // calls that began with ctx cancelled
				)
				_, err := run(t.Context(), 2, []int{1, 2, 3, 4, 5, 6}, func(ctx context.Context, n int) (int, error) {
					mu.Lock()
					started = append(started, n)
					if ctx.Err() != nil {
						alreadyDone = append(alreadyDone, n)
					}
					mu.Unlock()
					if n == 2 {
						time.Sleep(time.Second)
						return 0, errUnlucky
					}
					return n, overview.Sleep(ctx, time.Hour)
				})
				require.ErrorIs(t, err, errUnlucky)
				assert.Empty(t, alreadyDone, "calls started with their context already cancelled")
				slices.Sort(started)
				assert.Equal(t, []int{1, 2}, started, "only the two calls in flight at the error ran")
			})
		})
	}
}

func TestMapTurnsAPanicIntoAnErrorWithItsStack(t *testing.T) {
	for name, run := range mappers {
		t.Run(name, func(t *testing.T) {
			_, err := run(t.Context(), 2, []int{1, 2, 3}, func(_ context.Context, n int) (int, error) {
				if n == 2 {
					panicOnTwo()
				}
				return n, nil
			})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "input 1: panic: boom")
			var p *PanicError
			require.ErrorAs(t, err, &p)
			assert.Equal(t, "boom", p.Value)
			assert.Contains(t, string(p.Stack), "panicOnTwo", "the stack shows where it panicked")
			assert.Contains(t, err.Error(), "panicOnTwo", "and so does the error's text")
		})
	}
}

// panicOnTwo panics in a function of its own, so that a test can look for
// it in the stack.
//
//go:noinline
func panicOnTwo() { panic("boom") }

func TestPanicErrorUnwrapsAnErrorValue(t *testing.T) {
	_, err := Map(t.Context(), 1, []int{1}, func(context.Context, int) (int, error) { panic(errUnlucky) })
	assert.ErrorIs(t, err, errUnlucky, "panic(err): errors.Is sees the error through the panic")
	var p *PanicError
	require.ErrorAs(t, err, &p)
	assert.Nil(t, (&PanicError{Value: "not an error"}).Unwrap())
}

func TestMapStopsWhenTheCallerCancels(t *testing.T) {
	for name, run := range mappers {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(t.Context(), 1500*time.Millisecond)
				defer cancel()
				_, err := run(ctx, 1, []int{1, 1, 1, 1}, func(ctx context.Context, n int) (int, error) {
					return n, overview.Sleep(ctx, time.Second)
				})
				require.ErrorIs(t, err, context.DeadlineExceeded)

				ctx, cancel = context.WithCancel(t.Context())
				cancel()
				_, err = run(ctx, 2, []int{1, 2}, func(_ context.Context, n int) (int, error) { return n, nil })
				assert.ErrorIs(t, err, context.Canceled, "an already cancelled context runs nothing, and says so")
			})
		})
	}
}

func TestMapEdgeCases(t *testing.T) {
	for name, run := range mappers {
		t.Run(name, func(t *testing.T) {
			double := func(_ context.Context, n int) (int, error) { return 2 * n, nil }
			got, err := run(t.Context(), 4, nil, double)
			require.NoError(t, err)
			assert.Empty(t, got)

			got, err = run(t.Context(), 8, []int{1, 2}, double)
			require.NoError(t, err)
			assert.Equal(t, []int{2, 4}, got, "more workers than inputs")

			_, err = run(t.Context(), 0, []int{1}, double)
			assert.ErrorContains(t, err, "need at least 1")
		})
	}
}

func TestMapOnManyInputs(t *testing.T) {
	inputs := make([]int, 1000)
	want := make([]int, len(inputs))
	for i := range inputs {
		inputs[i] = i
		want[i] = i + 1
	}
	for name, run := range mappers {
		t.Run(name, func(t *testing.T) {
			got, err := run(t.Context(), 4, inputs, func(_ context.Context, n int) (int, error) { return n + 1, nil })
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

func TestResultCarriesTheJob(t *testing.T) {
	r := Result[string]{Job: 3, Value: "x", Err: fmt.Errorf("wrapped: %w", errors.ErrUnsupported)}
	assert.ErrorIs(t, r.Err, errors.ErrUnsupported)
	assert.Equal(t, 3, r.Job)
}
