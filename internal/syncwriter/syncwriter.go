// Package syncwriter makes an io.Writer safe for several goroutines that
// print to it at once, as the lessons' tasks and workers do.
package syncwriter

import (
	"bytes"
	"io"
	"os"
	"sync"
)

// New returns a writer that several goroutines may use at once. Files
// already are (each write is one system call), and so is nil (nothing to
// write to), so they come back as they are; anything else, a bytes.Buffer
// in a test, gets a mutex around its Write.
func New(w io.Writer) io.Writer {
	switch w.(type) {
	case nil, *os.File, *locked:
		return w
	}
	return &locked{w: w}
}

// locked is a writer with a mutex around each Write.
type locked struct {
	mu sync.Mutex
	w  io.Writer
}

// Write writes p to the underlying writer, one caller at a time.
func (l *locked) Write(p []byte) (int, error) { return write(&l.mu, l.w, p) }

// write writes p to w while it holds mu.
func write(mu *sync.Mutex, w io.Writer, p []byte) (int, error) {
	mu.Lock()
	defer mu.Unlock()
	return w.Write(p)
}

// Buffer is a bytes.Buffer that several goroutines may write to at once
// and read back with String while they write: what a test collects a
// program's output in. The zero Buffer is empty and ready to use.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the buffer, one caller at a time.
func (b *Buffer) Write(p []byte) (int, error) { return write(&b.mu, &b.buf, p) }

// String returns what has been written so far.
func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
