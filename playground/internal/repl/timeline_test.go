package repl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/timeline"
)

func TestTimelineDrawsTheLastCellsGoroutines(t *testing.T) {
	out, status := session(t,
		`:timeline`,
		`import ("sync"; "time")`,
		`:timeline`,
		`var wg sync.WaitGroup; for i := range 3 { wg.Go(func() { time.Sleep(time.Duration(i+1) * 60 * time.Millisecond) }) }; wg.Wait()`,
		`:timeline`,
	)
	assert.Equal(t, 0, status)
	before, rest, ok := strings.Cut(out, "\ncell")
	require.True(t, ok, out)
	assert.Equal(t, "No cell has run in this worker yet: :timeline draws the goroutines of the last cell you ran.", before)
	assert.Contains(t, rest, "1 started no goroutine that the worker saw")

	charts := timeline.Parse(out)
	require.Len(t, charts, 1, out)
	ch := charts[0]
	require.Len(t, ch.Lanes, 4, out)
	assert.Equal(t, "cell2 (its own code)", ch.Lanes[0])
	var lengths []int
	for i, c := range ch.Cells[1:] {
		assert.Equal(t, fmt.Sprintf("wg.Go #%d", i+1), c.Lane, "numbered in the order they started")
		// A look may catch it just before or just after its Sleep, ready
		// to run.
		assert.Regexp(t, `^=*z+=*$`, c.Label, "a goroutine that sleeps:\n%s", out)
		lengths = append(lengths, c.To-c.From)
	}
	require.Len(t, lengths, 3, out)
	// The worker looks every few milliseconds, less often on a busy
	// machine (the chart says how many looks): two goroutines that end
	// between the same two looks get bars of one length. The first and the
	// last end 120 ms apart.
	assert.LessOrEqual(t, lengths[0], lengths[1], out)
	assert.LessOrEqual(t, lengths[1], lengths[2], out)
	assert.Less(t, lengths[0], lengths[2], out)
	assert.GreaterOrEqual(t, ch.Cells[0].To, ch.Cells[3].To-1, "the cell waits for its goroutines:\n%s", out)
	assert.Contains(t, out, "z sleeps")
	assert.Contains(t, out, "w waits for a lock, WaitGroup or Cond")
}

func TestTimelineOfGoroutinesLeftRunning(t *testing.T) {
	out, _ := session(t,
		`stop := make(chan bool)`,
		`go func() { <-stop }()`,
		`:timeline`,
		`close(stop)`,
	)
	charts := timeline.Parse(out)
	require.Len(t, charts, 1, out)
	require.Len(t, charts[0].Lanes, 2, out)
	assert.Equal(t, "go #1 +", charts[0].Lanes[1])
	assert.Contains(t, out, "c waits on a channel")
	assert.Contains(t, out, "+ still running when the record ended")
	assert.Contains(t, out, "The worker stopped looking: the timeline was asked for.")
}

// TestTimelineShowsChildProcesses: lesson 01's processes get lanes of
// their own, named as the library named them.
func TestTimelineShowsChildProcesses(t *testing.T) {
	out, status := session(t,
		`import ("context"; "github.com/gophertutor/concurrency/lessons/01-processes"; "github.com/gophertutor/concurrency/playground/registered")`,
		`p := processes.New(registered.SlowSquare, 5); p.Start(context.Background()); p.Wait(context.Background())`,
		`:timeline`,
	)
	assert.Equal(t, 0, status, out)
	assert.Contains(t, out, "25, <nil> // (int, error)")
	charts := timeline.Parse(out)
	require.Len(t, charts, 1, out)
	assert.Contains(t, charts[0].Lanes, "Process-1 (process)", out)
	assert.Contains(t, out, "with the child process alive meanwhile", out)
}
