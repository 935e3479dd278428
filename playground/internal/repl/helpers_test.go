package repl

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/syncwriter"
	"github.com/gophertutor/concurrency/playground/internal/lineedit"
	"github.com/gophertutor/concurrency/playground/internal/testenv"
)

// buffer is a bytes.Buffer safe for concurrent writes.
type buffer = syncwriter.Buffer

// session runs the cells through a REPL fed by a pipe, as input piped to
// the playground is, and returns what it wrote and its exit status.
func session(t *testing.T, cells ...string) (string, int) {
	t.Helper()
	var out buffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	status := Run(ctx, lineedit.Plain(strings.NewReader(strings.Join(cells, "\n")+"\n"), &out), Options{})
	testenv.CheckRaces(t)
	return out.String(), status
}

// live is a REPL whose input the test writes as it goes.
type live struct {
	t       *testing.T
	in      *io.PipeWriter
	out     *buffer
	signals chan os.Signal
	status  chan int
	reads   chan struct{} // a value each time the REPL asks for a line: no cell runs
}

// reading is lineedit.Plain that tells the test each time the REPL asks
// for the next line.
type reading struct {
	lineedit.Editor
	reads chan<- struct{}
}

func (r reading) ReadLine(prompt string) (string, error) {
	r.reads <- struct{}{}
	return r.Editor.ReadLine(prompt)
}

func startLive(t *testing.T) *live {
	t.Helper()
	r, w := io.Pipe()
	l := &live{t: t, in: w, out: &buffer{}, signals: make(chan os.Signal, 1), status: make(chan int, 1), reads: make(chan struct{}, 1024)}
	go func() {
		l.status <- Run(context.Background(), reading{lineedit.Plain(r, l.out), l.reads}, Options{Signals: l.signals})
		r.Close()
	}()
	t.Cleanup(func() {
		l.close()
		testenv.CheckRaces(t)
	})
	return l
}

// send types a cell.
func (l *live) send(cell string) {
	l.t.Helper()
	_, err := io.WriteString(l.in, cell+"\n")
	require.NoError(l.t, err)
}

// expect waits until the output contains s.
func (l *live) expect(s string) {
	l.t.Helper()
	require.Eventually(l.t, func() bool { return strings.Contains(l.out.String(), s) }, 30*time.Second, 5*time.Millisecond,
		"waiting for %q in:\n%s", s, l.out.String())
}

// waitReads waits until the REPL has asked for its nth line since it
// started: the cells before it have all ended.
func (l *live) waitReads(n int) {
	l.t.Helper()
	for range n {
		select {
		case <-l.reads:
		case <-time.After(30 * time.Second):
			l.t.Fatalf("the REPL did not ask for another line; output:\n%s", l.out.String())
		}
	}
}

// interrupt sends SIGINT, as Ctrl-C does without a terminal.
func (l *live) interrupt() { l.signals <- os.Interrupt }

// close ends the input and waits for the REPL to return.
func (l *live) close() int {
	l.in.Close()
	select {
	case s := <-l.status:
		l.status <- s
		return s
	case <-time.After(30 * time.Second):
		l.t.Fatal("the REPL did not end when its input did")
		return -1
	}
}
