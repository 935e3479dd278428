package supervisor

import "bytes"

// crashStarts are the beginnings of the lines with which the Go runtime
// starts the report of a crash on standard error.
var crashStarts = [][]byte{[]byte("panic: "), []byte("fatal error: "), []byte("runtime: "), []byte("SIG")}

// crashHold holds back standard error from a line that starts like a
// runtime crash report. If the worker dies, the held text is the report;
// if a sync mark comes instead, it was ordinary output and is released.
type crashHold struct {
	midLine bool   // the last byte seen was not a newline
	pending []byte // the start of a line that may become a crash start
	held    []byte
	holding bool
}

// filter returns what may be written now: a prefix of p (or of what was
// pending and p), written before the next call, so nothing is copied for
// output that does not look like a crash.
func (h *crashHold) filter(p []byte) []byte {
	if h.holding {
		h.held = append(h.held, p...)
		return nil
	}
	data := p
	if len(h.pending) > 0 {
		data = append(h.pending, p...)
		h.pending = nil
	}
	for i := 0; i < len(data); {
		if !h.midLine {
			switch crashPrefix(data[i:]) {
			case prefixYes:
				h.holding = true
				h.held = append(h.held, data[i:]...)
				return data[:i]
			case prefixMaybe:
				h.pending = append([]byte(nil), data[i:]...)
				return data[:i]
			}
		}
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			h.midLine = true
			return data
		}
		i += j + 1
		h.midLine = false
	}
	return data
}

// release returns what was held: it was not a crash.
func (h *crashHold) release() []byte {
	out := append(h.held, h.pending...)
	h.held, h.pending, h.holding = nil, nil, false
	if len(out) > 0 {
		h.midLine = out[len(out)-1] != '\n'
	}
	return out
}

// crash returns what was held when the stream ended.
func (h *crashHold) crash() []byte {
	if !h.holding {
		return nil
	}
	return h.held
}

type prefixMatch int

const (
	prefixNo prefixMatch = iota
	prefixMaybe
	prefixYes
)

// crashPrefix reports whether a line starting with data starts like a
// crash report.
func crashPrefix(data []byte) prefixMatch {
	m := prefixNo
	for _, s := range crashStarts {
		switch {
		case bytes.HasPrefix(data, s):
			return prefixYes
		case len(data) < len(s) && bytes.HasPrefix(s, data):
			m = prefixMaybe
		}
	}
	return m
}
