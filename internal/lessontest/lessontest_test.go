package lessontest

import (
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { Main(m) }

func TestLeftoversFindsAGoroutineUntilItEnds(t *testing.T) {
	release, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		<-release
	}()
	err := Leftovers()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "left goroutines running")
	close(release)
	<-done
	assert.NoError(t, Leftovers())
}

func TestLeftoversFindsAndReapsAChildProcess(t *testing.T) {
	cmd := exec.Command("sleep", "60")
	require.NoError(t, cmd.Start())
	err := Leftovers()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "left child processes behind")
	assert.Contains(t, err.Error(), "sleep")
	// Leftovers killed and reaped it: nothing is left, and Wait on our side
	// now reports that the process is gone.
	assert.NoError(t, Leftovers())
	assert.Error(t, cmd.Wait())
}
