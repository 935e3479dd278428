package stacks

import (
	"context"
	"runtime"
	"runtime/pprof"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = `goroutine 1 [running labels:{"cell": "cell3"}]:
main.main()
	/tmp/tl/main.go:20 +0x105

goroutine 19 [chan receive, 2 minutes labels:{"cell": "cell3", "odd \"key\"": "a, b"}]:
main.main.func1(0xc000010000)
	/tmp/tl/main.go:16 +0x19
created by main.main in goroutine 1
	/tmp/tl/main.go:16 +0xbf

goroutine 20 [sleep]:
time.Sleep(0x34630b8a000)
	/usr/local/go/src/runtime/time.go:363 +0x165
main.main.func2()
	/tmp/tl/main.go:17 +0x1d
created by main.main in goroutine 1
	/tmp/tl/main.go:17 +0xcb
`

func TestParse(t *testing.T) {
	gs := Parse([]byte(sample))
	require.Len(t, gs, 3)

	assert.Equal(t, Goroutine{ID: 1, State: "running", Labels: map[string]string{"cell": "cell3"},
		Frames: []Frame{{Func: "main.main", File: "/tmp/tl/main.go", Line: 20}}}, gs[0])

	g := gs[1]
	assert.Equal(t, int64(19), g.ID)
	assert.Equal(t, "chan receive", g.State)
	assert.Equal(t, "2 minutes", g.Waiting)
	assert.Equal(t, map[string]string{"cell": "cell3", `odd "key"`: "a, b"}, g.Labels)
	assert.Equal(t, "cell3", g.Cell())
	assert.Equal(t, []Frame{{Func: "main.main.func1", File: "/tmp/tl/main.go", Line: 16}}, g.Frames)
	assert.Equal(t, "main.main", g.CreatedBy)
	assert.Equal(t, int64(1), g.Creator)

	assert.Equal(t, "sleep", gs[2].State)
	assert.Empty(t, gs[2].Cell())
	assert.Len(t, gs[2].Frames, 2)
}

func TestParseSkipsNoise(t *testing.T) {
	assert.Empty(t, Parse([]byte("not a dump\n\ngoroutine x [y]:\n")))
}

// TestLiveDump reads this test's own goroutines, labelled as a cell is.
func TestLiveDump(t *testing.T) {
	require.NoError(t, EnableLabels())
	stop := make(chan struct{})
	started := make(chan struct{})
	done := make(chan struct{})
	pprof.Do(context.Background(), pprof.Labels(CellLabel, "cell7"), func(context.Context) {
		go func() {
			defer close(done)
			close(started)
			<-stop
		}()
	})
	<-started
	defer func() { close(stop); <-done }()

	dump, ok := Dump(1 << 20)
	require.True(t, ok)
	var found []Goroutine
	for _, g := range Parse(dump) {
		if g.Cell() == "cell7" {
			found = append(found, g)
		}
	}
	require.Len(t, found, 1, "the labelled goroutine, in:\n%s", dump)
	assert.NotZero(t, found[0].Creator)
	assert.Contains(t, found[0].CreatedBy, "TestLiveDump")
}

// TestADumpStartsAtTheSizeTheLastOneNeeded: with thousands of goroutines a
// dump takes a few megabytes; each try stops every goroutine, so the next
// dump starts big enough, and takes one.
func TestADumpStartsAtTheSizeTheLastOneNeeded(t *testing.T) {
	release := make(chan struct{})
	var started sync.WaitGroup
	var ended sync.WaitGroup
	for range 3000 {
		started.Add(1)
		ended.Go(func() {
			started.Done()
			<-release
		})
	}
	started.Wait()
	defer ended.Wait()
	defer close(release)

	tries := 0
	stack = func(buf []byte, all bool) int { tries++; return runtime.Stack(buf, all) }
	defer func() { stack = runtime.Stack }()
	dump, ok := Dump(32 << 20)
	require.True(t, ok)
	require.Greater(t, len(dump), 256<<10, "a dump of thousands of goroutines")
	tries = 0
	_, ok = Dump(32 << 20)
	require.True(t, ok)
	assert.Equal(t, 1, tries)
}
