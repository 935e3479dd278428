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
