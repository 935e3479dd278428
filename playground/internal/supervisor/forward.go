package supervisor

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// forwarder copies one of the worker's output pipes to a writer, taking the
// sync marks out of the stream and noting the last one seen. For standard
// error it also holds back what looks like the start of a crash report
// from the Go runtime, until it knows whether the worker dies.
type forwarder struct {
	file *os.File
	scan *wire.MarkScanner
	dst  io.Writer
	hold *crashHold // nil: write everything through

	mu         sync.Mutex
	last       uint64        // the ID of the last mark seen
	quietUntil uint64        // drop output until the mark of this request
	changed    chan struct{} // closed and replaced when last or eof changes
	eof        bool
	done       chan struct{} // closed when the goroutine has returned
}

func newForwarder(file *os.File, nonce string, dst io.Writer, holdCrash bool) *forwarder {
	f := &forwarder{file: file, scan: wire.NewMarkScanner(nonce), dst: dst, changed: make(chan struct{}), done: make(chan struct{})}
	if holdCrash {
		f.hold = &crashHold{}
	}
	go f.run()
	return f
}

func (f *forwarder) run() {
	defer close(f.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := f.file.Read(buf)
		f.scan.Scan(buf[:n], f.output, f.mark)
		if err != nil {
			f.output(f.scan.Flush())
			f.mu.Lock()
			f.eof = true
			f.notifyLocked()
			f.mu.Unlock()
			return
		}
	}
}

func (f *forwarder) output(p []byte) {
	if len(p) == 0 {
		return
	}
	if f.hold != nil {
		p = f.hold.filter(p)
	}
	f.write(p)
}

func (f *forwarder) write(p []byte) {
	f.mu.Lock()
	quiet := f.last < f.quietUntil
	f.mu.Unlock()
	if len(p) > 0 && !quiet {
		_, _ = f.dst.Write(p)
	}
}

func (f *forwarder) mark(id uint64) {
	if f.hold != nil {
		f.write(f.hold.release()) // it was output, not a crash
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if id > f.last {
		f.last = id
	}
	f.notifyLocked()
}

func (f *forwarder) notifyLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// quiet drops the output of requests up to and including id.
func (f *forwarder) quiet(id uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.quietUntil = id
}

// errStreamEnded reports that the pipe closed before the mark came.
var errStreamEnded = errors.New("the worker's output ended")

// waitMark waits until the mark of request id has been forwarded.
func (f *forwarder) waitMark(ctx context.Context, id uint64) error {
	for {
		f.mu.Lock()
		last, eof, changed := f.last, f.eof, f.changed
		f.mu.Unlock()
		switch {
		case last >= id:
			return nil
		case eof:
			return errStreamEnded
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// finish waits for the end of the stream, at most patience, then closes
// the pipe; it returns what was held back as a crash report.
func (f *forwarder) finish(patience time.Duration) []byte {
	timer := time.NewTimer(patience)
	defer timer.Stop()
	select {
	case <-f.done:
	case <-timer.C:
		// Something the worker started still holds the pipe open.
		_ = f.file.Close()
		<-f.done
	}
	_ = f.file.Close()
	if f.hold == nil {
		return nil
	}
	return f.hold.crash()
}
