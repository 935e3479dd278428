package processes

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func startProcess[A, R any](t *testing.T, fn *Func[A, R], arg A, opts ...Option) *Process[R] {
	t.Helper()
	p := New(fn, arg, opts...)
	require.NoError(t, p.Start(t.Context()))
	return p
}

func TestProcessReturnsItsResult(t *testing.T) {
	p := startProcess(t, square, 7)
	v, err := p.Wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, 49, v)
	code, ok := p.ExitCode()
	assert.True(t, ok)
	assert.Equal(t, 0, code)
	assert.False(t, p.Alive())
}

func TestProcessIdentityInTheChild(t *testing.T) {
	p := startProcess(t, whoAmI, struct{}{})
	id, err := p.Wait(t.Context())
	require.NoError(t, err)
	assert.Equal(t, p.Name(), id.Name)
	assert.Equal(t, p.PID(), id.PID)
	assert.NotEqual(t, os.Getpid(), id.PID)
	assert.False(t, id.Main)
	assert.Regexp(t, `^Process-\d+$`, p.Name())

	me := Current()
	assert.True(t, me.Main)
	assert.Equal(t, "MainProcess", me.Name)
}

func TestProcessErrorCrossesAsRemoteError(t *testing.T) {
	p := startProcess(t, failing, 3)
	_, err := p.Wait(t.Context())
	var remote *RemoteError
	require.ErrorAs(t, err, &remote)
	assert.Equal(t, "no square for 3", remote.Message)
	code, _ := p.ExitCode()
	assert.Equal(t, 1, code, "a failed function exits 1, like an exception in Python")
}

func TestProcessPanicCarriesValueAndStack(t *testing.T) {
	p := startProcess(t, panicking, "out of squares")
	_, err := p.Wait(t.Context())
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "out of squares", pe.Value)
	assert.Contains(t, pe.Stack, "funcs_test.go", "the stack shows where the function panicked")
	assert.Contains(t, err.Error(), "test.panic panicked: out of squares")
}

func TestProcessExitCodeFromOsExit(t *testing.T) {
	p := startProcess(t, exiting, 3)
	_, err := p.Wait(t.Context())
	var exit *ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 3, exit.Code)
	assert.Zero(t, exit.Signal)
	code, ok := p.ExitCode()
	assert.True(t, ok)
	assert.Equal(t, 3, code)
}

func TestProcessCrashInAnotherGoroutineShowsStderr(t *testing.T) {
	p := startProcess(t, crashInGoroutine, struct{}{}, WithStderr(io.Discard))
	_, err := p.Wait(t.Context())
	var exit *ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 2, exit.Code, "Go exits with 2 on an unrecovered panic")
	assert.Contains(t, exit.Stderr, "assignment to entry in nil map")
}

func TestProcessKilledBySignalSaysWhich(t *testing.T) {
	for _, tc := range []struct {
		name string
		stop func(*Process[int]) error
		sig  syscall.Signal
	}{
		{"terminate", (*Process[int]).Terminate, syscall.SIGTERM},
		{"kill", (*Process[int]).Kill, syscall.SIGKILL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := startProcess(t, ignoreCancel, struct{}{})
			assert.True(t, p.Alive())
			require.NoError(t, tc.stop(p))
			_, err := p.Wait(t.Context())
			var exit *ExitError
			require.ErrorAs(t, err, &exit)
			assert.Equal(t, tc.sig, exit.Signal)
			assert.Contains(t, err.Error(), "killed by signal")
			code, ok := p.ExitCode()
			assert.True(t, ok)
			assert.Equal(t, -int(tc.sig), code, "Python's exitcode is minus the signal")
			require.NoError(t, tc.stop(p), "stopping an exited process is harmless")
		})
	}
}

func TestCancellingTheContextStopsTheFunction(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	p := New(blockUntilCancelled, struct{}{})
	require.NoError(t, p.Start(ctx))
	cancel()
	_, err := p.Wait(t.Context())
	require.ErrorIs(t, err, context.Canceled, "the child's context error crosses back: %v", err)
}

func TestAChildThatIgnoresCancelIsKilledAfterTheGrace(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	started := NewQueue[string](0)
	defer started.Close()
	p := New(startThenIgnoreCancel, started, WithGrace(10*time.Millisecond))
	require.NoError(t, p.Start(ctx))
	_, err := started.Get(t.Context())
	require.NoError(t, err)
	cancel()
	_, err = p.Wait(t.Context())
	var exit *ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, syscall.SIGKILL, exit.Signal)
}

func TestAProcessCancelledBeforeItStartsDoesNotRun(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	p := New(exiting, 3) // it would exit with 3 if it ran
	require.ErrorIs(t, p.Start(ctx), context.Canceled)
	assert.Zero(t, p.PID(), "no process was started")
}

func TestWaitWithAnEndedContextLeavesTheChildRunning(t *testing.T) {
	p := startProcess(t, ignoreCancel, struct{}{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := p.Wait(ctx)
	require.ErrorIs(t, err, context.Canceled)
	assert.True(t, p.Alive())
	require.NoError(t, p.Kill())
	_, err = p.Wait(t.Context())
	require.Error(t, err)
}

func TestBadInput(t *testing.T) {
	t.Run("a Func not made by Register", func(t *testing.T) {
		err := New(&Func[int, int]{}, 1).Start(t.Context())
		require.ErrorIs(t, err, ErrNotRegistered)
		assert.Contains(t, err.Error(), "register the function at package level")
	})
	t.Run("a function registered after start-up", func(t *testing.T) {
		late := Register(uniqueName("test.late"), func(_ context.Context, n int) (int, error) { return n, nil })
		err := New(late, 1).Start(t.Context())
		require.ErrorIs(t, err, ErrNotRegistered)
		assert.Contains(t, err.Error(), "registered after start-up")
	})
	t.Run("an argument type with a func in it", func(t *testing.T) {
		type withFunc struct{ F func() }
		fn := Register(uniqueName("test.takesfunc"), func(_ context.Context, _ withFunc) (int, error) { return 0, nil })
		fn.late = false // pretend it was registered at start-up: the type is what fails
		p := New(fn, withFunc{F: func() {}})
		err := p.Start(t.Context())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "withFunc.F is a func or a channel")
		assert.Contains(t, err.Error(), "plain data")
		assert.Zero(t, p.PID(), "no process was started")
	})
	t.Run("an argument value that cannot be encoded", func(t *testing.T) {
		type unregistered struct{ N int }
		fn := Register(uniqueName("test.takesany"), func(_ context.Context, _ any) (int, error) { return 0, nil })
		fn.late = false
		p := New(fn, any(unregistered{1}))
		err := p.Start(t.Context())
		require.Error(t, err)
		assert.Contains(t, err.Error(), "arg holds a processes.unregistered, a type encoding/gob does not know: call gob.Register")
		assert.Contains(t, err.Error(), "type not registered for interface")
		assert.Zero(t, p.PID(), "no process was started")
	})
	t.Run("two functions under one name", func(t *testing.T) {
		defer func() {
			msg := recover()
			require.NotNil(t, msg)
			assert.Contains(t, msg, `two functions are registered as "test.square"`)
			assert.Contains(t, msg, "funcs_test.go", "it names the first registration")
			assert.Contains(t, msg, "process_test.go", "and the second")
		}()
		Register("test.square", func(_ context.Context, n int) (int, error) { return n, nil })
	})
	t.Run("wait before start", func(t *testing.T) {
		_, err := New(square, 1).Wait(t.Context())
		assert.ErrorContains(t, err, "has not been started")
	})
	t.Run("start twice", func(t *testing.T) {
		p := startProcess(t, square, 2)
		assert.ErrorContains(t, p.Start(t.Context()), "already started")
		_, err := p.Wait(t.Context())
		require.NoError(t, err)
	})
}

var names atomic.Int64

// uniqueName gives tests that register functions late a new name on each
// run (go test -count=20 runs them twenty times in one process).
func uniqueName(prefix string) string { return fmt.Sprintf("%s.%d", prefix, names.Add(1)) }
