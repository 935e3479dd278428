package overview

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/timeline"
)

var (
	wantSquares = []int{4, 9, 64, 81}
	wantCubes   = []int{8, 27, 512, 729}
)

// Timing is tested in synctest bubbles: the clock is fake, so the 1.6 s and
// 0.8 s of the seed are exact and the tests take no time.
func TestSequentialTakesTheSumOfBothLoops(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out bytes.Buffer
		tl := timeline.New("square", "cube")
		start := time.Now()
		r, err := Sequential(t.Context(), Numbers, Options{Delay: DefaultDelay, Out: &out, Timeline: tl})
		require.NoError(t, err)
		assert.Equal(t, 1600*time.Millisecond, time.Since(start))
		assert.Equal(t, Result{Squares: wantSquares, Cubes: wantCubes}, r)
		assert.Equal(t, "calculate square numbers\nsquare: 4\nsquare: 9\nsquare: 64\nsquare: 81\n"+
			"calculate cube of numbers\ncube: 8\ncube: 27\ncube: 512\ncube: 729\n", out.String())
		assert.Equal(t, ""+
			"timeline (1 column = 25ms)\n"+
			"        0s              400ms           800ms           1.2s            1.6s\n"+
			"        |---------------+---------------+---------------+---------------|\n"+
			"square  [4-----][9-----][64----][81----]\n"+
			"cube                                    [8-----][27----][512---][729---]\n", tl.Chart(timeline.DefaultWidth))
	})
}

func TestGoroutinesTakeTheLongerLoop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var out bytes.Buffer
		tl := timeline.New("square", "cube")
		start := time.Now()
		r, err := Goroutines(t.Context(), Numbers, Options{Delay: DefaultDelay, Out: &out, Timeline: tl})
		require.NoError(t, err)
		assert.Equal(t, 800*time.Millisecond, time.Since(start))
		assert.Equal(t, Result{Squares: wantSquares, Cubes: wantCubes}, r)
		assertEachTaskInOrder(t, out.String())
		assert.Equal(t, ""+
			"timeline (1 column = 20ms)\n"+
			"        0s        200ms     400ms     600ms     800ms\n"+
			"        |---------+---------+---------+---------|\n"+
			"square  [4-------][9-------][64------][81------]\n"+
			"cube    [8-------][27------][512-----][729-----]\n", tl.Chart(timeline.DefaultWidth))
	})
}

func TestCancelStopsALoop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		r, err := Goroutines(ctx, Numbers, Options{Delay: DefaultDelay})
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, []int{4, 9}, r.Squares, "the results before the deadline are kept")

		r, err = Sequential(ctx, Numbers, Options{Delay: DefaultDelay})
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Empty(t, r.Squares)
	})
}

// assertEachTaskInOrder checks output printed by two tasks at once: their
// lines interleave in any way, but each task's own lines keep their order.
func assertEachTaskInOrder(t *testing.T, out string) {
	t.Helper()
	var square, cube []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(line, "square") {
			square = append(square, line)
		} else {
			cube = append(cube, line)
		}
	}
	assert.Equal(t, []string{"calculate square numbers", "square: 4", "square: 9", "square: 64", "square: 81"}, square)
	assert.Equal(t, []string{"calculate cube of numbers", "cube: 8", "cube: 27", "cube: 512", "cube: 729"}, cube)
}

func TestProcessesBringResultsBackOverPipes(t *testing.T) {
	var out bytes.Buffer
	tl := timeline.New("square", "cube")
	r, err := Processes(t.Context(), Numbers, Options{Delay: time.Millisecond, Out: &out, Timeline: tl})
	require.NoError(t, err)
	assert.Equal(t, Result{Squares: wantSquares, Cubes: wantCubes}, r)
	assertEachTaskInOrder(t, out.String())
	spans := tl.Spans()
	require.Len(t, spans, 8, "each child reports a span per number")
	assert.Equal(t, "square", spans[0].Lane)
	assert.Equal(t, "729", spans[7].Label)
	for _, s := range spans {
		assert.Less(t, time.Duration(0), s.Start, "a child starts after the parent's timeline does")
	}
}

func TestChildReportsItsOwnPID(t *testing.T) {
	c, err := startChild(t.Context(), Square, []int{3}, Options{})
	require.NoError(t, err)
	rep, err := c.wait()
	require.NoError(t, err)
	assert.Equal(t, []int{9}, rep.Results)
	assert.NotEqual(t, os.Getpid(), rep.PID)
	assert.Equal(t, c.cmd.Process.Pid, rep.PID)
}

func TestCancelKillsChildrenAndReapsThem(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out := &headerWatcher{ready: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		_, err := Processes(ctx, Numbers, Options{Delay: time.Hour, Out: out})
		done <- err
	}()
	<-out.ready // both children have printed their header: they are running
	cancel()
	err := <-done
	require.Error(t, err)
	assert.Contains(t, err.Error(), "signal: killed")
	// The package's TestMain fails if a child was left behind.
}

// headerWatcher closes ready once both tasks have printed their header.
type headerWatcher struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	ready chan struct{}
	once  sync.Once
}

func (w *headerWatcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	s := w.buf.String()
	if strings.Contains(s, Square.Header) && strings.Contains(s, Cube.Header) {
		w.once.Do(func() { close(w.ready) })
	}
	return len(p), nil
}

func TestChildWithUnknownTaskSaysSo(t *testing.T) {
	c, err := startChild(t.Context(), Task{Name: "quadruple"}, Numbers, Options{})
	require.NoError(t, err)
	_, err = c.wait()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no task named "quadruple"`)
}

func TestChildWithoutAPipeSaysWhatIsMissing(t *testing.T) {
	cmd, err := ChildCommand(t.Context(), Square, []int{2}, 0)
	require.NoError(t, err)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 2, exit.ExitCode())
	assert.Contains(t, stderr.String(), "is the pipe cmd.ExtraFiles[0]?")
}

func TestParseInts(t *testing.T) {
	nums, err := parseInts(formatInts(Numbers))
	require.NoError(t, err)
	assert.Equal(t, Numbers, nums)
	_, err = parseInts("1,x")
	assert.Error(t, err)
	nums, err = parseInts("")
	require.NoError(t, err)
	assert.Empty(t, nums)
}

func TestSleep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		require.NoError(t, Sleep(t.Context(), time.Second))
		assert.Equal(t, time.Second, time.Since(start))

		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		assert.ErrorIs(t, Sleep(ctx, time.Second), context.Canceled)
		assert.ErrorIs(t, Sleep(ctx, 0), context.Canceled, "a zero sleep still reports a cancelled context")
		assert.NoError(t, Sleep(t.Context(), 0))
	})
}
