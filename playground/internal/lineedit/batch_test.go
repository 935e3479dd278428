package lineedit

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingWriter counts the writes that reach the terminal.
type countingWriter struct {
	mu     sync.Mutex
	writes int
	buf    bytes.Buffer
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes++
	return w.buf.Write(p)
}

// newTestTerminal is a terminal editor writing to w, without a real
// terminal: enough to write output through term.Terminal as the REPL does.
func newTestTerminal(w *countingWriter) *terminal {
	e := &terminal{keys: newKeyQueue(), hist: loadHistory(""), interrupts: make(chan struct{}, 1)}
	e.setOutput(w)
	return e
}

// TestOutputReachesTheTerminalInOneWrite: what a cell prints comes in
// chunks of many lines; term.Terminal writes each line and each "\r\n" on
// its own, two writes per line, so a million short lines took two million
// system calls. The editor hands each chunk to the terminal in one write.
func TestOutputReachesTheTerminalInOneWrite(t *testing.T) {
	w := &countingWriter{}
	e := newTestTerminal(w)
	chunk := strings.Repeat("123456789\n", 1000)
	n, err := e.Write([]byte(chunk))
	require.NoError(t, err)
	assert.Equal(t, len(chunk), n)
	assert.Equal(t, 1, w.writes)
	assert.Equal(t, strings.ReplaceAll(chunk, "\n", "\r\n"), w.buf.String(), "lines end with CR LF: the terminal is raw")
}

// TestABigChunkIsWrittenInPieces: a batch is bounded, so that a huge chunk
// reaches the terminal as it is written, in big pieces.
func TestABigChunkIsWrittenInPieces(t *testing.T) {
	w := &countingWriter{}
	e := newTestTerminal(w)
	chunk := strings.Repeat("123456789\n", 100_000) // 1 MB
	_, err := e.Write([]byte(chunk))
	require.NoError(t, err)
	assert.Greater(t, w.writes, 1)
	assert.Less(t, w.writes, 40, "pieces of tens of kilobytes")
	assert.Equal(t, strings.ReplaceAll(chunk, "\n", "\r\n"), w.buf.String())
}
