package repl

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/typesys"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// compiledSites returns a front end session that compiled the cells.
func compiledSites(t *testing.T, cells ...string) *frontend.Session {
	t.Helper()
	fe := frontend.NewSession(typesys.New())
	for _, c := range cells {
		p, err := fe.Compile(fe.NewCell(c))
		require.NoError(t, err)
		fe.Commit(p, len(p.Chunks))
	}
	return fe
}

func TestFormatGoroutinesGroupsByCellStateAndPlace(t *testing.T) {
	fe := compiledSites(t, `import ("sync"; "time")`,
		`t := time.NewTicker(time.Second); go func() { for range t.C { } }()`,     // site 1
		`var mu sync.Mutex; mu.Lock(); for range 3 { go func() { mu.Lock() }() }`) // sites 2, 3
	got := formatGoroutines(fe, []wire.Goroutine{
		{ID: 40, State: "sync.Mutex.Lock", Cell: "cell3", Site: 3},
		{ID: 20, State: "select", Cell: "cell2", Site: 1},
		{ID: 41, State: "sync.Mutex.Lock", Cell: "cell3", Site: 3},
		{ID: 42, State: "runnable", Cell: "cell3", Site: 3},
	})
	assert.Equal(t, `4 goroutines of your cells, 1 running and 3 waiting:
  started by cell 2
    chan receive  cell 2, line 1:47  for range t.C {
  started by cell 3
    mutex ×2      cell 3, line 1:57  mu.Lock()
    running
`, got)
	assert.Equal(t, "No goroutine of your cells is alive.\n", formatGoroutines(fe, nil))
}

// TestFormatGoroutinesCallsBlockedGoroutinesWaiting: the header says how
// many run and how many wait, not "running" for goroutines that all wait.
func TestFormatGoroutinesCallsBlockedGoroutinesWaiting(t *testing.T) {
	fe := compiledSites(t, `ch := make(chan int); for range 3 { go func() { <-ch }() }`)
	blocked := func(n int, state string) []wire.Goroutine {
		var gs []wire.Goroutine
		for i := range n {
			gs = append(gs, wire.Goroutine{ID: int64(10 + i), State: state, Cell: "cell1", Site: 1})
		}
		return gs
	}
	assert.Equal(t, "10000 goroutines of your cells, all waiting:\n  started by cell 1\n    chan receive ×10000  cell 1, line 1:49  <-ch\n",
		formatGoroutines(fe, blocked(10000, "chan receive")))
	assert.True(t, strings.HasPrefix(formatGoroutines(fe, blocked(1, "chan receive")), "1 goroutine of your cells, waiting:\n"))
	assert.True(t, strings.HasPrefix(formatGoroutines(fe, blocked(2, "running")), "2 goroutines of your cells, both running:\n"))
	assert.True(t, strings.HasPrefix(formatGoroutines(fe, blocked(1, "runnable")), "1 goroutine of your cells, running:\n"))
}

func TestCompactState(t *testing.T) {
	for state, want := range map[string]string{
		"runnable": "running", "sync.RWMutex.RLock": "mutex", "sync.WaitGroup.Wait": "WaitGroup.Wait",
		"select (no cases)": "select {}", "chan receive": "chan receive", "sleep": "sleep",
	} {
		assert.Equal(t, want, compactState(state), state)
	}
}

func TestPromptBadge(t *testing.T) {
	r := &repl{}
	assert.Equal(t, "go> ", r.prompt())
	r.live.answer(1, 2)
	assert.Equal(t, "go[2]> ", r.prompt())
	for line, want := range map[string]string{"go> 1+1": "1+1", "go[2]> x": "x", "go[12]> ": ""} {
		rest, ok := CutPrompt(line)
		assert.True(t, ok, line)
		assert.Equal(t, want, rest)
	}
	for _, line := range []string{"... x", "go[x]> y", "2 // int"} {
		_, ok := CutPrompt(line)
		assert.False(t, ok, line)
	}
}

func TestRoughly(t *testing.T) {
	assert.Equal(t, "12.3ms", roughly(12_345_678).String())
	assert.Equal(t, "999ns", roughly(999).String())
	assert.Equal(t, "1.5s", roughly(1500*time.Millisecond).String())
	assert.Equal(t, "0s", roughly(0).String())
}

func TestADeadlockShowsTheBlockedSitesAndTheSessionGoesOn(t *testing.T) {
	out, _ := session(t, `import "sync"`, `func wait(wg *sync.WaitGroup) { wg.Wait() }`,
		`ch := make(chan int); go func() { ch <- 1 }(); var wg sync.WaitGroup; wg.Add(1); go wait(&wg); <-make(chan bool)`,
		`1 + 1`)
	assert.Contains(t, out, "fatal error: all goroutines are asleep - deadlock!\n\n"+
		"goroutine 1 [chan receive], the cell's own goroutine:\n\tline 1:96  <-make(chan bool)\n\n"+
		"goroutine 2 [sync.WaitGroup.Wait], started by cell 3:\n\tcell 2, line 1:33  wg.Wait()\n\n"+
		"goroutine 3 [chan send], started by cell 3:\n\tline 1:35  ch <- 1\n\n",
		"the others in the order of their sites in the cells, whatever their IDs")
	assert.True(t, strings.HasSuffix(out, "2 // int\n"), out)
}

func TestGoroutinesCommandAndTime(t *testing.T) {
	l := startLive(t)
	l.send(`import "time"`)
	l.send(`t := time.NewTicker(time.Hour); go func() { for range t.C { } }()`)
	l.send(`:goroutines`)
	l.expect("1 goroutine of your cells, waiting:\n  started by cell 2\n    chan receive  cell 2, line 1:45  for range t.C {\n")
	l.send(`:time t.Stop(); 6 * 7`)
	l.expect("42 // int\nwall ")
	l.expect("goroutines of your cells 1 → 1\n")
	l.send(`:time`)
	l.expect("Usage: :time <statement>")
	l.send(`:help goroutines`)
	l.expect(":goroutines\n    the goroutines your cells left alive")
}
