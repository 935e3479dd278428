package processes

import (
	"bufio"
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

// kind says what a message is for.
type kind uint8

const (
	kindRun        kind = iota + 1 // parent → child: run Func on the chunk of arguments that follows, as task ID
	kindResult                     // child → parent: the chunk of results of task ID that follows, or Err
	kindCancel                     // parent → child: cancel task ID's context
	kindQueue                      // child → parent: queue operation Op on Queue, request ID
	kindQueueReply                 // parent → child: the answer to queue request ID
	kindQueueAbort                 // child → parent: the caller of queue request ID stopped waiting
	kindReady                      // worker → parent: started up (its initializer ran), ready for tasks; or Err
	kindInit                       // parent → worker: run Func on the arguments that follow before any task
	kindRevoke                     // parent → worker: give back task ID if it has not started
)

// Codes of a wireError that this package acts on.
const (
	codeRevoked = "revoked" // the task was given back before it started
	codeNotRun  = "not-run" // the task was cancelled before it started
)

// message is what crosses the pipes, in both directions. Unused fields are
// zero, which gob does not send. A run message is followed on the stream by
// its chunk of arguments, a result message by its chunk of results (when
// Value is set): typed values on one long-lived gob stream per direction,
// so gob describes each type once per stream, not once per task.
type message struct {
	Kind    kind
	ID      uint64
	Func    string
	Value   bool   // a typed value follows this message
	Payload []byte // a queue item, encoded on its own
	Err     *wireError
	// Queue operations.
	Queue uint64
	Owner int // the pid of the process that holds the queue
	Op    queueOp
	Block bool
}

// wireError is an error or a panic as it crosses from child to parent.
type wireError struct {
	Panic   bool
	Message string
	Stack   string
	Context string // "canceled" or "deadline" for the context package's errors
	Code    string // what this package makes of it: a code above, or a queue's "empty", "full", "closed", "unknown-queue"
}

func errorWire(err error) *wireError {
	w := &wireError{Message: err.Error()}
	switch {
	case errors.Is(err, context.Canceled):
		w.Context = "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		w.Context = "deadline"
	}
	return w
}

func panicWire(v any) *wireError {
	return &wireError{Panic: true, Message: fmt.Sprint(v), Stack: string(debug.Stack())}
}

// toError turns a wire error back into an error in the parent.
func (w *wireError) toError(name, fn string) error {
	if w == nil {
		return nil
	}
	if w.Panic {
		return &PanicError{Name: name, Func: fn, Value: w.Message, Stack: w.Stack}
	}
	e := &RemoteError{Name: name, Func: fn, Message: w.Message}
	switch w.Context {
	case "canceled":
		e.wrapped = context.Canceled
	case "deadline":
		e.wrapped = context.DeadlineExceeded
	}
	return e
}

func decode(data []byte, v any) error {
	return gob.NewDecoder(bytes.NewReader(data)).Decode(v)
}

// conn is one side of the two pipes between a parent and a child. Any
// goroutine may send; one goroutine receives.
type conn struct {
	in  *os.File
	dec *gob.Decoder

	mu  sync.Mutex
	out *pipeWriter
	buf *bufio.Writer
	enc *gob.Encoder
}

// pipeWriter remembers why a write to the pipe failed, so that a failure
// of the pipe can be told from a value gob cannot encode.
type pipeWriter struct {
	*os.File
	err error
}

func (w *pipeWriter) Write(p []byte) (int, error) {
	n, err := w.File.Write(p)
	if err != nil {
		w.err = err
	}
	return n, err
}

// encodeError is a value that gob could not encode, as opposed to a pipe
// that could not be written.
type encodeError struct{ err error }

func (e *encodeError) Error() string { return e.err.Error() }

func newConn(in, out *os.File) *conn {
	pw := &pipeWriter{File: out}
	c := &conn{in: in, out: pw, buf: bufio.NewWriter(pw)}
	c.dec = gob.NewDecoder(bufio.NewReader(in))
	c.enc = gob.NewEncoder(c.buf)
	return c
}

// send writes m, and value after it if value is not nil, and flushes them
// to the pipe. Values are checked before they are sent (see checkValues);
// any failure here leaves the stream unusable, and the conn is closed. It
// is an *encodeError if gob could not encode the value.
func (c *conn) send(m *message, value any) error { return c.write(m, value, true) }

// write is send that may leave the message in the buffer (flush false),
// to go out with the next flush: several tasks, one system call.
func (c *conn) write(m *message, value any, flush bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.enc == nil {
		return io.ErrClosedPipe
	}
	m.Value = value != nil
	err := c.enc.Encode(m)
	if err == nil && value != nil {
		if err = encodeValue(c.enc, value); err != nil && c.out.err == nil {
			err = &encodeError{err}
		}
	}
	if err == nil && flush {
		err = c.buf.Flush()
	}
	if err != nil {
		c.enc = nil
		c.out.Close()
	}
	return err
}

// encodeValue is enc.Encode(v), with gob's panics (a nil pointer at the
// top) as errors.
func encodeValue(enc *gob.Encoder, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("gob: %v", r)
		}
	}()
	return enc.Encode(v)
}

// flush sends what write left in the buffer.
func (c *conn) flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.enc == nil {
		return io.ErrClosedPipe
	}
	err := c.buf.Flush()
	if err != nil {
		c.enc = nil
		c.out.Close()
	}
	return err
}

// recv reads the next message; io.EOF means the other side is gone. If
// m.Value is set, the caller must take the value next, with decodeValue.
func (c *conn) recv() (*message, error) {
	m := new(message)
	if err := c.dec.Decode(m); err != nil {
		return nil, err
	}
	return m, nil
}

// decodeValue reads the value that follows a message into v, or skips it
// if v is nil.
func (c *conn) decodeValue(v any) error { return c.dec.Decode(v) }

// closeWrite closes the outgoing pipe: the other side reads EOF.
func (c *conn) closeWrite() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.enc != nil {
		c.enc = nil
		c.out.Close()
	}
}

// closeRead closes the incoming pipe.
func (c *conn) closeRead() { c.in.Close() }
