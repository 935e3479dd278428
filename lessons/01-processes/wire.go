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
	"time"
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
	kindReady                      // worker → parent: started up, ready for tasks
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
	Queue   uint64
	Op      queueOp
	Block   bool
	Timeout time.Duration
}

// wireError is an error or a panic as it crosses from child to parent.
type wireError struct {
	Panic   bool
	Message string
	Stack   string
	Context string // "canceled" or "deadline" for the context package's errors
	Code    string // a sentinel this package knows: "empty", "full", "closed", "unknown-queue"
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

// checkEncodable reports whether gob can encode v, without sending
// anything: a value that cannot cross fails here, before any process starts
// or any stream is touched.
func checkEncodable(v any) error { return gob.NewEncoder(io.Discard).Encode(v) }

// encode gob-encodes v on its own (queue items are stored this way).
func encode(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
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
	out *os.File
	buf *bufio.Writer
	enc *gob.Encoder
}

func newConn(in, out *os.File) *conn {
	c := &conn{in: in, out: out, buf: bufio.NewWriter(out)}
	c.dec = gob.NewDecoder(bufio.NewReader(in))
	c.enc = gob.NewEncoder(c.buf)
	return c
}

// send writes m, and value after it if value is not nil, and flushes them
// to the pipe. Values are checked before they are sent (see checkEncodable),
// so a failure here leaves the stream unusable: the conn is closed.
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
		err = c.enc.Encode(value)
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
