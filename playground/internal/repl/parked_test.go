package repl

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// TestTheBadgeStaysTrueAmongManyParkedGoroutines: a cell among many
// parked goroutines reuses the worker's last look at them only while they
// are the goroutines there are; the badge follows every change: one that a
// cell wakes and that ends, one a cell starts, one that ends. :goroutines
// says they wait.
func TestTheBadgeStaysTrueAmongManyParkedGoroutines(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out := Transcript(ctx, []string{
		`import ("sync"; "time")`,
		`ch := make(chan int); var wg, started sync.WaitGroup; started.Add(2000)
for range 2000 { wg.Go(func() { started.Done(); <-ch }) }; started.Wait()`,
		`1 + 1`,
		`:goroutines`,
		`2 + 2`,
		`ch <- 1`,
		`3 + 3`,
		`go func() { <-ch }()`,
		`4 + 4`,
		`done := make(chan bool); go func() { <-done }()`,
		`5 + 5`,
		`close(done); time.Sleep(10 * time.Millisecond)`,
		`6 + 6`,
		`close(ch); wg.Wait()`,
		`7 + 7`,
	}, Options{})
	testenv.CheckRaces(t)
	for _, want := range []string{
		"go[2000]> 1 + 1\n2 // int\n",
		"go[2000]> :goroutines\n2000 goroutines of your cells, all waiting:\n  started by cell 2\n    chan receive ×2000  cell 2, line 2:",
		"go[2000]> 2 + 2\n4 // int\n",
		"go[2000]> ch <- 1\n",
		"go[1999]> 3 + 3\n6 // int\n",
		"go[2000]> 4 + 4\n8 // int\n",
		"go[2001]> 5 + 5\n10 // int\n",
		"go[2000]> 6 + 6\n12 // int\n",
		"go> 7 + 7\n14 // int\n",
	} {
		assert.Contains(t, out, want)
	}
	if t.Failed() {
		t.Log(strings.TrimSpace(out))
	}
}
