package check

import (
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// The checks find the library's goroutines by the functions they run: the
// ones that read a child's pipe and reap it (readLoop, reap: the check
// waits for those of exited children to end before it lets held tasks go) and the callers
// waiting in Pool.Join, Process.Wait, AsyncResult.Get and Map. If the library
// renames them, this fails, not the checks' rigour in silence.
func TestTheFramesTheChecksLookForExist(t *testing.T) {
	probe := Probe{Events: processes.NewQueue[Event](0), Release: processes.NewQueue[time.Duration](0)}
	p := processes.New(Greet, City{Name: "Hanoi", Probe: probe})
	require.NoError(t, p.Start(t.Context()))
	_, err := probe.Events.Get(t.Context()) // the child's report came through its reader
	require.NoError(t, err)
	buf := make([]byte, 1<<20)
	stacks := string(buf[:runtime.Stack(buf, true)])
	require.NoError(t, probe.Release.Put(t.Context(), 0))
	_, err = p.Wait(t.Context())
	require.NoError(t, err)
	assert.Contains(t, stacks, readLoop, "the goroutine that reads a child's pipe")
	assert.Contains(t, stacks, reapFrame, "the goroutine that reaps a child")

	for frame, fn := range map[string]any{
		joinFrame: (*processes.Pool).Join,
		waitFrame: (*processes.Process[int]).Wait,
		getFrame:  (*processes.AsyncResult[int]).Get,
		mapFrame:  processes.Map[int, int],
	} {
		name := runtime.FuncForPC(reflect.ValueOf(fn).Pointer()).Name()
		assert.Contains(t, name+"(", frame, "a caller waiting in %s", name)
	}
}
