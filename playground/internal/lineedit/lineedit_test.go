package lineedit

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestPlainReadsLinesWithoutTheirEnds(t *testing.T) {
	ed := Plain(strings.NewReader("a\r\nb\nlast"), io.Discard)
	for _, want := range []string{"a", "b", "last"} {
		line, err := ed.ReadLine("ignored> ")
		require.NoError(t, err)
		assert.Equal(t, want, line)
	}
	_, err := ed.ReadLine("")
	assert.ErrorIs(t, err, io.EOF)
	assert.False(t, ed.Interactive())
	assert.Nil(t, ed.Interrupts())
}

func TestHistoryKeepsLinesInAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "dir", "history")
	h := loadHistory(path)
	h.Add("x := 1")
	h.Add("x := 1") // a repeat
	h.Add("   ")    // blank
	h.skipNext()
	h.Add("cut short^C")
	h.Add("x + 1")
	require.Equal(t, 2, h.Len())
	assert.Equal(t, "x + 1", h.At(0))
	assert.Equal(t, "x := 1", h.At(1))

	again := loadHistory(path)
	assert.Equal(t, 2, again.Len())
	assert.Equal(t, "x + 1", again.At(0))
}

func TestHistoryWithoutAFile(t *testing.T) {
	h := loadHistory("")
	h.Add("a")
	assert.Equal(t, 1, h.Len())
}

func TestDefaultHistoryPathFollowsTheEnvironment(t *testing.T) {
	t.Setenv("PLAYGROUND_HISTORY", "")
	assert.Equal(t, "", DefaultHistoryPath())
	t.Setenv("PLAYGROUND_HISTORY", "/tmp/h")
	assert.Equal(t, "/tmp/h", DefaultHistoryPath())
	os.Unsetenv("PLAYGROUND_HISTORY")
	assert.Contains(t, DefaultHistoryPath(), "playground_history")
}

func TestKeyQueueNeverBlocksThePump(t *testing.T) {
	q := newKeyQueue()
	for range 1000 {
		q.push([]byte("ab"))
	}
	buf := make([]byte, 1500)
	n, err := q.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, 1500, n)
	n, err = q.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, 500, n)
	q.close()
	_, err = q.Read(buf)
	assert.ErrorIs(t, err, io.EOF)
}

func TestInputRoutesCtrlC(t *testing.T) {
	e := &terminal{keys: newKeyQueue(), interrupts: make(chan struct{}, 1), hist: loadHistory("")}
	// While a cell runs, Ctrl-C is an interrupt; other keys wait.
	e.input([]byte("ab\x03c\x04"))
	select {
	case <-e.interrupts:
	default:
		t.Fatal("Ctrl-C while a cell runs should interrupt it")
	}
	buf := make([]byte, 16)
	n, _ := e.keys.Read(buf)
	assert.Equal(t, "abc\x04", string(buf[:n]))

	// At the prompt, Ctrl-C becomes a key the editor handles, then Enter.
	e.reading.Store(true)
	e.input([]byte("x\x03"))
	n, _ = e.keys.Read(buf)
	assert.Equal(t, "x"+string(interruptKey)+"\r", string(buf[:n]))

	line, pos, ok := e.key("foo", 3, interruptKey)
	assert.True(t, ok)
	assert.Equal(t, "foo^C", line)
	assert.Equal(t, 5, pos)
	assert.True(t, e.cut.Load())

	line, pos, ok = e.key("ab", 1, '\t')
	assert.True(t, ok)
	assert.Equal(t, "a    b", line)
	assert.Equal(t, 5, pos)
	_, _, ok = e.key("ab", 1, 'x')
	assert.False(t, ok)
}
