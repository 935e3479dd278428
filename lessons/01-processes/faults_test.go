package processes_test

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/gophertutor/concurrency/internal/children"
	"github.com/gophertutor/concurrency/internal/fds"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/faults"
)

// clean fails t if, once it ends, a child process, a file descriptor or a
// goroutine it made is left. Register it first: it runs after the test's
// own cleanups.
func clean(t *testing.T) {
	t.Helper()
	before, err := fds.Open()
	require.NoError(t, err)
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() {
		kids, err := children.List()
		if !errors.Is(err, children.ErrUnsupported) {
			assert.Empty(t, kids, "child processes left behind")
		}
		require.Eventually(t, func() bool { return len(fds.Since(before)) == 0 }, 5*time.Second, time.Millisecond,
			"file descriptors left open: %v", fds.Since(before))
		assert.NoError(t, goleak.Find(ignore))
	})
}

// bounded runs f, failing t if it takes longer than faults.Bound: a fault
// must show as an error, never as a hang.
func bounded[T any](t *testing.T, what string, f func(ctx context.Context) (T, error)) (T, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), faults.Bound)
	defer cancel()
	v, err := f(ctx)
	require.NoError(t, ctx.Err(), "%s did not return within %v", what, faults.Bound)
	return v, err
}

// expect checks what a fault gave against its row of the table.
func expect(t *testing.T, c faults.Case, o faults.Outcome, err error) {
	t.Helper()
	defer faults.Cleanup(o)
	switch c.Want {
	case faults.Success:
		require.NoError(t, err, faults.Err(c, o, err))
		assert.Equal(t, 42, o.N)
		return
	case faults.Died:
		var exit *processes.ExitError
		require.ErrorAs(t, err, &exit, faults.Err(c, o, err))
	case faults.Stopped:
		// Cancelled before it started, or killed when its grace ended.
		var exit *processes.ExitError
		if !errors.Is(err, context.Canceled) {
			require.ErrorAs(t, err, &exit, faults.Err(c, o, err))
			assert.Contains(t, err.Error(), "killed by signal 9")
		}
	default:
		require.Error(t, err, faults.Err(c, o, err))
		var exit *processes.ExitError
		assert.False(t, errors.As(err, &exit), "the process should have lived: %v", err)
	}
	if len(c.Says) > 0 {
		assert.True(t, slices.ContainsFunc(c.Says, func(s string) bool { return strings.Contains(err.Error(), s) }),
			"the error should say one of %q: %v", c.Says, err)
	}
}

// TestFaultsInAProcess runs every fault of the table in a Process.
func TestFaultsInAProcess(t *testing.T) {
	for _, c := range faults.Cases {
		t.Run(c.Describe(), func(t *testing.T) {
			clean(t)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			p := processes.New(faults.Task, c.Kind, processes.WithStderr(io.Discard), processes.WithGrace(50*time.Millisecond))
			require.NoError(t, p.Start(ctx))
			if c.Want == faults.Stopped {
				cancel() // the function never looks: the grace period ends it
			}
			o, err := bounded(t, "Wait", p.Wait)
			expect(t, c, o, err)
		})
	}
}

// TestFaultsInAPool runs every fault of the table in a pool's worker, then
// a task that must still work.
func TestFaultsInAPool(t *testing.T) {
	for _, c := range faults.Cases {
		t.Run(c.Describe(), func(t *testing.T) {
			clean(t)
			pool, err := processes.NewPool(1, processes.WithStderr(io.Discard), processes.WithGrace(50*time.Millisecond))
			require.NoError(t, err)
			defer func() {
				pool.Close()
				_, _ = bounded(t, "Join", func(ctx context.Context) (struct{}, error) { return struct{}{}, pool.Join(ctx) })
			}()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			r, err := processes.ApplyAsync(ctx, pool, faults.Task, c.Kind, nil)
			require.NoError(t, err)
			if c.Want == faults.Stopped {
				cancel()
			}
			o, err := bounded(t, "Get", r.Get)
			if c.Want == faults.Died {
				var died *processes.WorkerDiedError
				require.ErrorAs(t, err, &died)
			}
			expect(t, c, o, err)

			// The pool goes on, with a new worker if the fault killed one.
			o, err = bounded(t, "Map after the fault", func(ctx context.Context) (faults.Outcome, error) {
				got, err := processes.Map(ctx, pool, faults.Task, []faults.Kind{faults.Nothing})
				if err != nil {
					return faults.Outcome{}, err
				}
				return got[0], nil
			})
			require.NoError(t, err)
			assert.Equal(t, 42, o.N)
		})
	}
}

// TestArgumentsThatCannotCrossAreRefusedBeforeAnythingStarts: a bad
// argument is an error naming it, no process starts, no worker is touched.
func TestArgumentsThatCannotCrossAreRefusedBeforeAnythingStarts(t *testing.T) {
	clean(t)
	pool, err := processes.NewPool(1)
	require.NoError(t, err)
	defer func() {
		pool.Close()
		require.NoError(t, pool.Join(t.Context()))
	}()
	whoami := func() string {
		got, err := processes.Map(t.Context(), pool, processes.Sleep, []time.Duration{0})
		require.NoError(t, err)
		return got[0].Name
	}
	worker := whoami()
	for _, c := range faults.Arguments {
		t.Run(c.Name, func(t *testing.T) {
			good := faults.Payload{}
			_, err := processes.Map(t.Context(), pool, faults.Echo, []faults.Payload{good, c.Arg()})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "args[1]"+c.Says)
			assert.Contains(t, err.Error(), "nothing was sent")

			_, err = processes.ApplyAsync(t.Context(), pool, faults.Echo, c.Arg(), nil)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "arg"+c.Says)

			p := processes.New(faults.Echo, c.Arg())
			err = p.Start(t.Context())
			require.Error(t, err)
			assert.Contains(t, err.Error(), "arg"+c.Says)
			assert.Zero(t, p.PID(), "no process started")
		})
	}
	assert.Equal(t, worker, whoami(), "the same worker ran before and after: none was replaced")
}
