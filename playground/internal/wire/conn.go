package wire

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// maxFrame bounds a message, so a corrupt length cannot make a reader
// allocate gigabytes.
const maxFrame = 64 << 20

// Writer sends messages; it is safe for concurrent use. Each message is one
// write, so a message is never interleaved with another.
type Writer struct {
	mu sync.Mutex
	w  io.Writer
}

// NewWriter returns a Writer that sends on w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Send writes m as one frame: a 4-byte big-endian length, then JSON.
func (w *Writer) Send(m Message) error {
	body, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("send %s: encode: %w", m.Kind, err)
	}
	frame := make([]byte, 4+len(body))
	binary.BigEndian.PutUint32(frame, uint32(len(body)))
	copy(frame[4:], body)
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, err := w.w.Write(frame); err != nil {
		return fmt.Errorf("send %s: %w", m.Kind, err)
	}
	return nil
}

// Reader receives messages. A read that fails with a timeout (a deadline
// set on the underlying file) keeps what it has read so far, so the next
// call to Next carries on where it stopped: the worker pauses its reader
// that way without losing a byte.
type Reader struct {
	r   io.Reader
	buf []byte
}

// NewReader returns a Reader that receives from r.
func NewReader(r io.Reader) *Reader { return &Reader{r: r} }

// Next returns the next message. It returns io.EOF when the other side
// closed the pipe between messages, and io.ErrUnexpectedEOF in the middle
// of one.
func (r *Reader) Next() (Message, error) {
	for {
		if m, ok, err := r.parse(); ok || err != nil {
			return m, err
		}
		chunk := make([]byte, 32<<10)
		n, err := r.r.Read(chunk)
		r.buf = append(r.buf, chunk[:n]...)
		if n > 0 {
			continue
		}
		if errors.Is(err, io.EOF) && len(r.buf) > 0 {
			return Message{}, io.ErrUnexpectedEOF
		}
		if err == nil {
			err = io.ErrNoProgress
		}
		return Message{}, err
	}
}

// parse takes one complete frame off the buffer, if there is one.
func (r *Reader) parse() (Message, bool, error) {
	if len(r.buf) < 4 {
		return Message{}, false, nil
	}
	n := binary.BigEndian.Uint32(r.buf)
	if n > maxFrame {
		return Message{}, false, fmt.Errorf("receive: a frame of %d bytes: the stream is corrupt", n)
	}
	if len(r.buf) < 4+int(n) {
		return Message{}, false, nil
	}
	var m Message
	err := json.Unmarshal(r.buf[4:4+n], &m)
	r.buf = r.buf[4+n:]
	if err != nil {
		return Message{}, false, fmt.Errorf("receive: decode: %w", err)
	}
	return m, true, nil
}
