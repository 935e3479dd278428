package wire

import (
	"bytes"
	"strconv"
)

// SyncMark is what the worker writes, in one write, on its standard output
// and on its standard error after it has finished request id and before it
// answers it. Everything the request printed is before the mark in the
// pipe, so when the supervisor has read both marks it has all the output.
// The nonce (from Ready) keeps a program from printing a mark by accident.
func SyncMark(nonce string, id uint64) []byte {
	return []byte("\x00pg-sync:" + nonce + ":" + strconv.FormatUint(id, 10) + "\x00")
}

// MarkScanner finds sync marks in a stream of output and passes the rest
// through. A mark may be split across reads: the scanner holds back a tail
// that could be the start of one until the next read decides.
type MarkScanner struct {
	prefix []byte // "\x00pg-sync:<nonce>:"
	held   []byte
}

// NewMarkScanner returns a scanner for the marks of the worker with nonce.
func NewMarkScanner(nonce string) *MarkScanner {
	return &MarkScanner{prefix: []byte("\x00pg-sync:" + nonce + ":")}
}

// maxIDDigits bounds the digits of a request ID in a mark.
const maxIDDigits = 20

// Scan processes p: it calls out with the output in order, and mark with
// the ID of each complete mark at its place in the stream.
func (s *MarkScanner) Scan(p []byte, out func([]byte), mark func(id uint64)) {
	data := append(s.held, p...)
	s.held = nil
	for len(data) > 0 {
		i := bytes.IndexByte(data, 0)
		if i < 0 {
			out(data)
			return
		}
		if i > 0 {
			out(data[:i])
			data = data[i:]
		}
		// data starts with NUL: a mark, the start of one, or plain output.
		id, n, complete := s.parseMark(data)
		switch {
		case n > 0:
			mark(id)
			data = data[n:]
		case !complete:
			s.held = append([]byte(nil), data...)
			return
		default:
			out(data[:1])
			data = data[1:]
		}
	}
}

// parseMark looks for a mark at the start of data. It returns the mark's
// length n > 0 if there is one, complete=false if data is too short to
// tell, and n == 0 with complete=true if data does not start with a mark.
func (s *MarkScanner) parseMark(data []byte) (id uint64, n int, complete bool) {
	if len(data) < len(s.prefix) {
		return 0, 0, !bytes.HasPrefix(s.prefix, data)
	}
	if !bytes.HasPrefix(data, s.prefix) {
		return 0, 0, true
	}
	rest := data[len(s.prefix):]
	end := bytes.IndexByte(rest, 0)
	if end < 0 {
		return 0, 0, len(rest) > maxIDDigits
	}
	id, err := strconv.ParseUint(string(rest[:end]), 10, 64)
	if err != nil {
		return 0, 0, true
	}
	return id, len(s.prefix) + end + 1, true
}

// Flush returns output held back as a possible start of a mark: call it
// when the stream has ended.
func (s *MarkScanner) Flush() []byte {
	h := s.held
	s.held = nil
	return h
}
