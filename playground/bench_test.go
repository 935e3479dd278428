package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/creack/pty"
)

// The targets, measured on the built binary (not go run, whose
// compile comes first), through a pseudo-terminal as a learner sees them:
//
//	go test -run '^$' -bench . -benchtime 20x ./playground
//
// cold start to the first prompt ≤ 150 ms; 1+1 ≤ 5 ms from Enter to its
// value; restart after a crash ≤ 300 ms.

// buildPlayground builds the playground once for the benchmarks.
func buildPlayground(b *testing.B) string {
	b.Helper()
	exe := filepath.Join(b.TempDir(), "playground")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		b.Fatalf("build the playground: %v\n%s", err, out)
	}
	return exe
}

// ptySession is the built playground in a pseudo-terminal.
type ptySession struct {
	b      *testing.B
	cmd    *exec.Cmd
	ptmx   *os.File
	buf    []byte
	chunks chan []byte   // what the reader read, in order; closed at the end
	read   chan struct{} // closed when the reader has returned
}

func startPTY(b *testing.B, exe string) *ptySession {
	b.Helper()
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), "PLAYGROUND_HISTORY=")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 200})
	if err != nil {
		b.Fatal(err)
	}
	p := &ptySession{b: b, cmd: cmd, ptmx: ptmx, chunks: make(chan []byte, 64), read: make(chan struct{})}
	go p.reader()
	return p
}

// reader reads the terminal until it closes. (A read on it cannot be
// given a deadline: the pseudo-terminal's file is in blocking mode.)
func (p *ptySession) reader() {
	defer close(p.read)
	defer close(p.chunks)
	for {
		buf := make([]byte, 64<<10)
		n, err := p.ptmx.Read(buf)
		if n > 0 {
			p.chunks <- buf[:n]
		}
		if err != nil {
			return
		}
	}
}

// next waits, until deadline, for what the terminal shows next.
func (p *ptySession) next(deadline time.Time, waitingFor string) []byte {
	p.b.Helper()
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	select {
	case c, ok := <-p.chunks:
		if !ok {
			p.b.Fatalf("the terminal closed while waiting for %q (after %q)", waitingFor, p.buf)
		}
		return c
	case <-timer.C:
		p.b.Fatalf("no %q in %q", waitingFor, p.buf)
		return nil
	}
}

// until reads until s has been printed, and forgets what came before.
func (p *ptySession) until(s string) {
	p.b.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if i := bytes.Index(p.buf, []byte(s)); i >= 0 {
			p.buf = p.buf[i+len(s):]
			return
		}
		p.buf = append(p.buf, p.next(deadline, s)...)
	}
}

func (p *ptySession) send(s string) {
	if _, err := p.ptmx.WriteString(s); err != nil {
		p.b.Fatal(err)
	}
}

func (p *ptySession) close() {
	p.send("\x04")
	_ = p.cmd.Wait()
	p.ptmx.Close()
	for range p.chunks { // the reader's last reads, until it returns
	}
	<-p.read
}

func BenchmarkColdStartToPrompt(b *testing.B) {
	exe := buildPlayground(b)
	b.ResetTimer()
	for range b.N {
		p := startPTY(b, exe)
		p.until("go> ")
		b.StopTimer()
		p.close()
		b.StartTimer()
	}
}

// BenchmarkColdStartToFirstValue includes the worker's start: the prompt
// comes first, the worker starts behind it.
func BenchmarkColdStartToFirstValue(b *testing.B) {
	exe := buildPlayground(b)
	b.ResetTimer()
	for range b.N {
		p := startPTY(b, exe)
		p.until("go> ")
		p.send("1+1\r")
		p.until("2 // int\r\n")
		b.StopTimer()
		p.close()
		b.StartTimer()
	}
}

func BenchmarkOnePlusOne(b *testing.B) {
	p := startPTY(b, buildPlayground(b))
	defer p.close()
	p.until("go> ")
	p.send("1+1\r") // the first cell waits for the worker to be ready
	p.until("2 // int\r\n")
	b.ResetTimer()
	for range b.N {
		p.send("1+1\r")
		p.until("2 // int\r\n")
	}
}

func BenchmarkRestartAfterCrash(b *testing.B) {
	p := startPTY(b, buildPlayground(b))
	defer p.close()
	p.until("go> ")
	p.send("import \"fmt\"; func twice(n int) int { return 2 * n }; x := 21\r")
	p.until("go> ")
	b.ResetTimer()
	for range b.N {
		// The goroutine panics at once; the cell then reports the crash,
		// and the next cell runs in the new worker, after the replay.
		p.send("go func() { panic(\"boom\") }(); select {}\r")
		p.until("replayed your")
		p.until("go> ")
		p.send("twice(x)\r")
		p.until("42 // int\r\n")
	}
}
