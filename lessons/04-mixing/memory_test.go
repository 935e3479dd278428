package mixing

import (
	"io"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// TestOneChildOutOfMemoryTheOthersCarryOn: three children of 64 MiB each;
// the second's item wants a gigabyte and its child dies of it, the other
// two finish.
func TestOneChildOutOfMemoryTheOthersCarryOn(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the hard memory limit (RLIMIT_DATA) is set on Linux only")
	}
	got, err := Map(t.Context(), hog, []int{4, 1024, 4}, 3, 1,
		processes.WithMemoryLimit(64<<20), processes.WithStderr(io.Discard))
	require.Error(t, err)
	assert.Equal(t, []int{4, 0, 4}, got)
	errs := itemErrors(t, err)
	require.Len(t, errs, 1)
	assert.Equal(t, 1, errs[0].Index)
	var exit *processes.ExitError
	require.ErrorAs(t, errs[0], &exit)
	assert.True(t, exit.OutOfMemory(), "stderr: %s", exit.Stderr)
	assert.Contains(t, err.Error(), "it ran out of memory (processes.WithMemoryLimit gave it 64 MiB)")
}
