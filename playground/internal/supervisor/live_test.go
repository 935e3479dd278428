package supervisor

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTheWorkerTellsWhenAnInterruptedCellsGoroutineHasEnded: an interrupt
// leaves the cell's own goroutine in time.Sleep, and the answer counts
// it; when the sleep returns it stops, and the worker says that none is
// left (the prompt's badge went on counting it).
func TestTheWorkerTellsWhenAnInterruptedCellsGoroutineHasEnded(t *testing.T) {
	type live struct {
		id uint64
		n  int
	}
	lives := make(chan live, 4)
	s, out, _ := newSession(t, Options{OnLive: func(id uint64, n int) { lives <- live{id, n} }})
	res := interruptAsleep(t, s, out, `fmt.Println("asleep"); for { time.Sleep(300 * time.Millisecond) }`)
	require.True(t, res.Interrupted)
	if res.Live == 0 {
		t.Skip("the cell's goroutine was between two sleeps, and stopped at once") // hardly ever
	}
	assert.Equal(t, 1, res.Live, "the cell's own goroutine, left in time.Sleep")
	select {
	case l := <-lives:
		assert.Equal(t, live{res.ID, 0}, l)
	case <-time.After(10 * time.Second):
		require.FailNow(t, "the worker did not tell that the cell's goroutine has ended")
	}
}
