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
		`var wg sync.WaitGroup; for i := range 3 { wg.Go(func() { time.Sleep(time.Duration(i+1) * 150 * time.Millisecond) }) }; wg.Wait()`,
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
	// last end 300 ms apart, and even the first sleeps long enough (150 ms)
	// for a look under -race, which looks less often, to see it.
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

// TestTimelineSaysTrueThingsOfCellsWithoutLanes: after a cell whose
// goroutines (started by wg.Go) ended between two looks, :timeline does not
// say it started none; after a cell that did not compile, it does not say
// how long it ran; a pool that an earlier cell made gets no lanes in the
// chart of a cell that does not use it.
func TestTimelineSaysTrueThingsOfCellsWithoutLanes(t *testing.T) {
	out, status := session(t,
		`import "sync"`,
		`var wg sync.WaitGroup; wg.Go(func() {}); wg.Wait()`,
		`:timeline`,
		`undefinedName + 1`,
		`:timeline`,
		`1 + 1`,
		`:timeline`,
	)
	assert.Equal(t, 1, status, out)
	// The goroutine ends at once, usually before the worker looks; on a slow
	// machine (or under -race) a look may catch it, and then it is drawn.
	ended := strings.Contains(out, "cell2 started goroutines, but they had all ended before the worker looked at them")
	drawn := strings.Contains(out, "cell2 and the 1 goroutine it started") && strings.Contains(out, "wg.Go #1")
	assert.True(t, ended || drawn, "cell2's goroutine is neither drawn nor said to have ended before a look:\n%s", out)
	assert.NotContains(t, out, "cell2 started no goroutine")
	assert.Contains(t, out, "cell3 did not compile, so nothing of it ran: :timeline draws the goroutines of the last cell that ran.")
	assert.NotContains(t, out, "cell3 started")
	assert.Contains(t, out, "cell4 started no goroutine that the worker saw")
}

func TestTimelineHasNoLanesForAnEarlierCellsIdlePool(t *testing.T) {
	out, status := session(t,
		`import ("context"; "github.com/gophertutor/concurrency/lessons/01-processes"; "github.com/gophertutor/concurrency/playground/registered")`,
		`pool, _ := processes.NewPool(2)`,
		`processes.Map(context.Background(), pool, registered.Square, []int{1, 2, 3})`,
		`import "time"`,
		// Long enough for the worker to look at least once while it runs
		// (1 + 1 alone ends before the first look, on an idle machine).
		`time.Sleep(30 * time.Millisecond); 1 + 1`,
		`:timeline`,
		`pool.Close(); pool.Join(context.Background())`,
	)
	assert.Equal(t, 0, status, out)
	assert.Contains(t, out, "2 // int\ncell5 started no goroutine that the worker saw")
	assert.NotContains(t, out, "PoolWorker", out)
}

func TestStartsGoroutines(t *testing.T) {
	for src, want := range map[string]bool{
		`go f()`:                             true,
		`wg.Go(func() {})`:                   true,
		`g.Go(func() error { return nil })`:  true,
		`time.AfterFunc(time.Second, f)`:     true,
		`x := "go f()"; Go(1); var gone = 1`: false,
		`1 + 1`:                              false,
	} {
		assert.Equal(t, want, startsGoroutines(src), src)
	}
}
