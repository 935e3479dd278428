package futures

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

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	"github.com/gophertutor/concurrency/lessons/internal/faults"
)

// TestFaultsOnAProcessPool runs lesson 01's table of faults on a
// ProcessPool: what breaks it (a worker's death) breaks it, with the cause;
// everything else fails its task only. Then the same on a pool that
// replaces crashed workers, which must go on after every fault.
func TestFaultsOnAProcessPool(t *testing.T) {
	for _, replace := range []bool{false, true} {
		for _, c := range faults.Cases {
			name := c.Describe()
			if replace {
				name += "/replacing"
			}
			t.Run(name, func(t *testing.T) {
				opts := []Option{WithProcessOptions(processes.WithStderr(io.Discard), processes.WithGrace(50*time.Millisecond))}
				if replace {
					opts = append(opts, ReplaceCrashedWorkers())
				}
				ex, err := NewProcessPool(1, opts...)
				require.NoError(t, err)
				defer func() {
					ctx, cancel := context.WithTimeout(context.Background(), faults.Bound)
					defer cancel()
					require.NoError(t, ex.Shutdown(ctx), "the pool shuts down after %s", c.Kind)
				}()
				ctx, cancel := context.WithTimeout(t.Context(), faults.Bound)
				defer cancel()
				f, err := Submit(ctx, ex, faults.Task, c.Kind)
				require.NoError(t, err)
				if c.Want == faults.Stopped {
					f.Stop()
				}
				o, err := f.Result(ctx)
				defer faults.Cleanup(o)
				require.NoError(t, ctx.Err(), "the fault did not show within %v", faults.Bound)
				switch c.Want {
				case faults.Success:
					require.NoError(t, err)
					assert.Equal(t, 42, o.N)
				case faults.Died:
					var died *processes.WorkerDiedError
					require.ErrorAs(t, err, &died)
					assert.Equal(t, !replace, errors.Is(err, ErrBroken), "broken unless it replaces crashed workers: %v", err)
				case faults.Stopped:
					require.Error(t, err)
				default:
					require.Error(t, err)
					assert.NotErrorIs(t, err, ErrBroken)
				}
				if len(c.Says) > 0 {
					assert.True(t, slices.ContainsFunc(c.Says, func(s string) bool { return strings.Contains(err.Error(), s) }),
						"the error should say one of %q: %v", c.Says, err)
				}
				next, err := Submit(ctx, ex, square, 3)
				if errors.Is(err, ErrBroken) && c.Want == faults.Died && !replace {
					return // a broken pool takes nothing more
				}
				require.NoError(t, err)
				v, err := next.Result(ctx)
				require.NoError(t, err, "the pool goes on after %s", c.Kind)
				assert.Equal(t, 9, v)
			})
		}
	}
}

// A task that finished before its pool broke keeps what it finished with,
// even when the break is seen before its own callback runs: lesson 01's
// pool runs the callbacks in order, a step behind its workers, so the
// callback of an earlier task can find the pool terminated (its next
// submission is refused) and break it while a later task's own error
// waits in line. Only what the pool's stopping did to a task turns into
// ErrBroken. settle is where the two meet; here it is handed each kind of
// outcome on a pool that is already broken.
func TestABrokenPoolKeepsTheOutcomesOfTasksThatFinished(t *testing.T) {
	p, err := NewProcessPool(1)
	require.NoError(t, err)
	defer p.Close()
	p.breakWith(broken("a process in the pool was terminated abruptly while the future was running or pending", nil))

	own := errors.New("job -2: negative input")
	for _, c := range []struct {
		name   string
		err    error
		broken bool
	}{
		{"a result", nil, false},
		{"the task's own error", own, false},
		{"stopped by the pool's termination", processes.ErrPoolTerminated, true},
		{"refused by the closed pool", processes.ErrPoolClosed, true},
	} {
		p.mu.Lock()
		p.inflight++ // settle is for a task handed to the pool
		p.mu.Unlock()
		p.tasks.Add(1)
		got := p.settle(c.err)
		if c.broken {
			assert.ErrorIs(t, got, ErrBroken, c.name)
		} else {
			assert.Equal(t, c.err, got, "%s: the pool broke after it, and must not replace it", c.name)
		}
	}
}
