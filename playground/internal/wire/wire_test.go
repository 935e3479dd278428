package wire

import (
	"bytes"
	"io"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func TestMessagesRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	require.NoError(t, w.Send(Message{Kind: KindEval, ID: 7, Eval: &Eval{Chunks: []Chunk{{Src: "1+1"}}, Types: map[int]string{0: "int"}}}))
	require.NoError(t, w.Send(Message{Kind: KindDone, ID: 7, Done: &Done{Evaluated: 1}}))

	r := NewReader(&buf)
	m, err := r.Next()
	require.NoError(t, err)
	assert.Equal(t, KindEval, m.Kind)
	assert.Equal(t, "1+1", m.Eval.Chunks[0].Src)
	assert.Equal(t, "int", m.Eval.Types[0])
	m, err = r.Next()
	require.NoError(t, err)
	assert.Equal(t, 1, m.Done.Evaluated)
	_, err = r.Next()
	assert.ErrorIs(t, err, io.EOF)
}

func TestReaderSurvivesATimeoutInTheMiddleOfAFrame(t *testing.T) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	defer r.Close()
	defer w.Close()

	var frame bytes.Buffer
	require.NoError(t, NewWriter(&frame).Send(Message{Kind: KindPing, ID: 3}))
	_, err = w.Write(frame.Bytes()[:5]) // half a frame
	require.NoError(t, err)

	rd := NewReader(r)
	require.NoError(t, r.SetReadDeadline(time.Now()))
	_, err = rd.Next()
	require.ErrorIs(t, err, os.ErrDeadlineExceeded)

	require.NoError(t, r.SetReadDeadline(time.Time{}))
	_, err = w.Write(frame.Bytes()[5:])
	require.NoError(t, err)
	m, err := rd.Next()
	require.NoError(t, err)
	assert.Equal(t, uint64(3), m.ID)
}

func TestTruncatedFrameIsUnexpectedEOF(t *testing.T) {
	var frame bytes.Buffer
	require.NoError(t, NewWriter(&frame).Send(Message{Kind: KindPing}))
	_, err := NewReader(bytes.NewReader(frame.Bytes()[:6])).Next()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func TestCorruptLengthIsAnError(t *testing.T) {
	_, err := NewReader(bytes.NewReader([]byte{0xff, 0xff, 0xff, 0xff, '{'})).Next()
	assert.ErrorContains(t, err, "corrupt")
}

// scanAll feeds the pieces to a scanner and returns the output with each
// mark written as <id>.
func scanAll(s *MarkScanner, pieces ...[]byte) string {
	var out bytes.Buffer
	for _, p := range pieces {
		s.Scan(p, func(b []byte) { out.Write(b) }, func(id uint64) { out.WriteString("<" + string(rune('0'+id)) + ">") })
	}
	out.Write(s.Flush())
	return out.String()
}

func TestMarkScannerFindsMarksBetweenOutput(t *testing.T) {
	s := NewMarkScanner("abc")
	got := scanAll(s, append(append([]byte("hello\n"), SyncMark("abc", 1)...), "world"...))
	assert.Equal(t, "hello\n<1>world", got)
}

func TestMarkScannerJoinsAMarkSplitAcrossReads(t *testing.T) {
	mark := SyncMark("abc", 2)
	for cut := 1; cut < len(mark); cut++ {
		s := NewMarkScanner("abc")
		got := scanAll(s, append([]byte("x"), mark[:cut]...), append(append([]byte{}, mark[cut:]...), 'y'))
		assert.Equal(t, "x<2>y", got, "cut at %d", cut)
	}
}

func TestMarkScannerPassesOtherNULsAndOtherNonces(t *testing.T) {
	s := NewMarkScanner("abc")
	other := SyncMark("xyz", 1)
	got := scanAll(s, []byte("a\x00b"), other, []byte("\x00"))
	assert.Equal(t, "a\x00b"+string(other)+"\x00", got)
}
