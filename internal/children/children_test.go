package children

import (
	"os/exec"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListSeesRunningChildZombieAndNothingAfterWait(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no child listing on windows")
	}
	before, err := List()
	require.NoError(t, err)
	require.Empty(t, before, "the test binary starts with no children")

	// A child that runs until we close its stdin.
	cmd := exec.Command("cat")
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())

	kids, err := List()
	require.NoError(t, err)
	require.Len(t, kids, 1)
	assert.Equal(t, cmd.Process.Pid, kids[0].PID)
	assert.False(t, kids[0].Zombie())

	// After it exits, and before Wait, it is a zombie: the kernel keeps its
	// exit status until the parent waits. The state changes asynchronously,
	// so look until it shows, for a bounded time.
	require.NoError(t, stdin.Close())
	require.Eventually(t, func() bool {
		kids, err = List()
		return err == nil && len(kids) == 1 && kids[0].Zombie()
	}, 10*time.Second, time.Millisecond, "the exited child should show as a zombie until Wait")
	assert.Contains(t, kids[0].String(), "never waited for")

	require.NoError(t, cmd.Wait())
	kids, err = List()
	require.NoError(t, err)
	assert.Empty(t, kids)
}
