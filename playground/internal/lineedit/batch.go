package lineedit

import (
	"io"
	"sync"
)

// maxBatch bounds what a batcher holds before it writes: a huge chunk of
// output reaches the terminal as it goes, in pieces this big.
const maxBatch = 64 << 10

// batcher is the writer between term.Terminal and the terminal. The
// terminal editor holds it around each of its calls that write output:
// term.Terminal writes every line, and every "\r\n" that ends one, with a
// write of its own, and a system call to a terminal for each made a
// million short lines take many times as long as cat takes. While held,
// writes collect, to go out in one write when the last holder releases it
// (or maxBatch is reached); otherwise they go straight through, so that
// the echo of keys and the prompt are never delayed.
type batcher struct {
	w io.Writer

	mu    sync.Mutex
	holds int
	buf   []byte
	err   error // the first write error while held, for release
}

func newBatcher(w io.Writer) *batcher { return &batcher{w: w} }

func (b *batcher) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.holds == 0 {
		return b.w.Write(p)
	}
	b.buf = append(b.buf, p...)
	if len(b.buf) >= maxBatch {
		b.flushLocked()
	}
	return len(p), nil
}

// hold makes writes collect until the matching release.
func (b *batcher) hold() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.holds++
}

// release ends a hold; the last one writes what collected. It returns the
// first error of the writes since the hold began.
func (b *batcher) release() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.holds--
	if b.holds == 0 {
		b.flushLocked()
	}
	err := b.err
	if b.holds == 0 {
		b.err = nil
	}
	return err
}

func (b *batcher) flushLocked() {
	if len(b.buf) == 0 {
		return
	}
	if _, err := b.w.Write(b.buf); err != nil && b.err == nil {
		b.err = err
	}
	b.buf = b.buf[:0]
	if cap(b.buf) > 4*maxBatch {
		b.buf = nil // do not keep a huge buffer after one huge chunk
	}
}
