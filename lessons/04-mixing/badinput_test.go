package mixing

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/children"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

func TestMapRefusesNoProcessesAndNoGoroutines(t *testing.T) {
	_, err := Map(t.Context(), square, []int{1, 2}, 0, 3)
	require.Error(t, err)
	assert.Regexp(t, `^mixing: map test.square: 0 processes: give at least 1 \(processes.CPUCount\(\) is \d+ here\)$`, err.Error())

	_, err = Map(t.Context(), square, []int{1, 2}, 2, 0)
	require.Error(t, err)
	assert.Equal(t, "mixing: map test.square: 0 goroutines per process: give at least 1 (for I/O-bound items, as many as may wait at once)", err.Error())

	_, err = Map(t.Context(), square, []int{1, 2}, -1, -1)
	assert.ErrorContains(t, err, "-1 processes")

	var none *Func[int, int]
	_, err = Map(t.Context(), none, []int{1}, 1, 1)
	assert.ErrorContains(t, err, "not made by mixing.Register")
	kids, _ := children.List()
	assert.Empty(t, kids, "nothing was started")
}

func TestMoreProcessesThanItemsStartsOneProcessPerItem(t *testing.T) {
	workers, err := Map(t.Context(), where, []int{1, 2}, 5, 4)
	require.NoError(t, err)
	require.Len(t, workers, 2)
	assert.NotEqual(t, workers[0].PID, workers[1].PID, "a child each")
	assert.Equal(t, 0, workers[0].Goroutine)
	assert.Equal(t, 0, workers[1].Goroutine, "one item, one goroutine")
}

// TestAChildThatDiesMidBatchFailsOnlyWhatItHadNotFinished: the first child
// runs [5 -1 7] on one goroutine; 5 is done and sent before -1 ends the
// child; -1 and 7 fail, naming the child; the second child's batch is whole.
func TestAChildThatDiesMidBatchFailsOnlyWhatItHadNotFinished(t *testing.T) {
	for _, c := range []struct {
		name  string
		dies  int
		words string
	}{
		{"os.Exit", -1, "exited with code 3"},
		{"SIGKILL", -9, "was killed by signal 9"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Map(t.Context(), faulty, []int{5, c.dies, 7, 2, 3, 4}, 2, 1)
			require.Error(t, err)
			assert.Equal(t, []int{25, 0, 0, 4, 9, 16}, got, "the first item of the dead child and the other child's batch are kept")
			errs := itemErrors(t, err)
			require.Len(t, errs, 2)
			for i, e := range errs {
				assert.Equal(t, i+1, e.Index)
				assert.Equal(t, -1, e.Goroutine)
				var exit *processes.ExitError
				require.ErrorAs(t, e, &exit)
				assert.Equal(t, e.Process, exit.Name)
				assert.Equal(t, e.PID, exit.PID)
				assert.Contains(t, e.Error(), "was not done when the child process running it died: "+e.Process)
				assert.Contains(t, e.Error(), c.words)
			}
			assert.Contains(t, err.Error(), "mixing: map test.faulty: item 1 was not done when the child process running it died")
			assert.Contains(t, err.Error(), "(and 1 more of the 6 items failed)")
		})
	}
}

func TestAnErrorOrAPanicFailsItsItemOnlyAndTheGoroutineGoesOn(t *testing.T) {
	got, err := Map(t.Context(), faulty, []int{1, 13, 2, 666, 3}, 1, 1)
	require.Error(t, err)
	assert.Equal(t, []int{1, 0, 4, 0, 9}, got)
	errs := itemErrors(t, err)
	require.Len(t, errs, 2)

	assert.Equal(t, 1, errs[0].Index)
	assert.Equal(t, 0, errs[0].Goroutine)
	assert.EqualError(t, errs[0].Err, "13 is unlucky")
	assert.Regexp(t, `^item 1 \(Process-\d+, pid \d+, goroutine 0\): 13 is unlucky$`, errs[0].Error())

	var pe *processes.PanicError
	require.ErrorAs(t, errs[1], &pe)
	assert.Equal(t, 3, errs[1].Index)
	assert.Equal(t, "the number of the beast", pe.Value)
	assert.Equal(t, "test.faulty", pe.Func)
	assert.Equal(t, errs[1].Process, pe.Name)
	assert.Contains(t, pe.Stack, "funcs_test.go", "the stack is the child goroutine's, at the panic")
}

func TestAPanicNothingRecoversKillsItsChildOnly(t *testing.T) {
	got, err := Map(t.Context(), crashes, []int{1, 2, 3, 4}, 2, 2, processes.WithStderr(io.Discard))
	require.Error(t, err)
	errs := itemErrors(t, err)
	assert.Len(t, errs, 4, "each child dies at its first item")
	assert.Equal(t, []int{0, 0, 0, 0}, got)
	var exit *processes.ExitError
	require.ErrorAs(t, errs[0], &exit)
	assert.Equal(t, 2, exit.Code)
	assert.Contains(t, exit.Stderr, "assignment to entry in nil map")
}

func TestAResultThatCannotCrossFailsItsItemOnly(t *testing.T) {
	got, err := Map(t.Context(), unsendable, []int{0, 1}, 1, 2)
	require.Error(t, err)
	errs := itemErrors(t, err)
	require.Len(t, errs, 1)
	assert.Equal(t, 0, errs[0].Index)
	assert.Contains(t, errs[0].Error(), "returned a result that cannot cross back to the parent")
	require.Len(t, got, 2)
	assert.Equal(t, 1, *got[1][0])
}

func TestAFunctionRegisteredLateIsRefusedBeforeAnythingStarts(t *testing.T) {
	name := fmt.Sprintf("test.late.%d", lateNames.Add(1)) // a name of its own each time the test runs (-count)
	late := Register(name, func(_ context.Context, n int) (int, error) { return n, nil })
	_, err := Map(t.Context(), late, []int{1}, 1, 1)
	require.ErrorIs(t, err, processes.ErrNotRegistered)
	assert.True(t, strings.HasPrefix(err.Error(), "mixing: map "+name+": function not registered"), err.Error())
	kids, _ := children.List()
	assert.Empty(t, kids)
}

var lateNames atomic.Int64

func TestANameRegisteredTwicePanicsNamingBothPlaces(t *testing.T) {
	assert.PanicsWithValue(t, "mixing: two functions are registered as \"test.square\": at "+registeredAt("test.square")+" and at "+here(t, 1)+"; give each its own name",
		func() { Register("test.square", func(_ context.Context, n int) (int, error) { return n, nil }) })
}

func TestABadOptionIsRefusedBeforeAnythingStarts(t *testing.T) {
	_, err := Map(t.Context(), square, []int{1, 2}, 2, 1, processes.WithMemoryLimit(-5))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithMemoryLimit(-5)")
	kids, _ := children.List()
	assert.Empty(t, kids)
}

// registeredAt is where a name was registered.
func registeredAt(name string) string {
	registeredMu.Lock()
	defer registeredMu.Unlock()
	return registered[name]
}

// here is the file:line of the line after the caller's, where a test
// registers a function.
func here(t *testing.T, offset int) string {
	t.Helper()
	_, file, line, _ := runtime.Caller(1)
	return fmt.Sprintf("%s:%d", file, line+offset)
}
