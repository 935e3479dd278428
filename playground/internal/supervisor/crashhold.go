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

// filter returns what may be written now.
func (h *crashHold) filter(p []byte) []byte {
	if h.holding {
		h.held = append(h.held, p...)
		return nil
	}
	data := append(h.pending, p...)
	h.pending = nil
	var out []byte
	for len(data) > 0 {
		if !h.midLine {
			switch crashPrefix(data) {
			case prefixYes:
				h.holding = true
				h.held = append(h.held, data...)
				return out
			case prefixMaybe:
				h.pending = append([]byte(nil), data...)
				return out
			}
		}
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			h.midLine = true
			return append(out, data...)
		}
		out = append(out, data[:i+1]...)
		data = data[i+1:]
		h.midLine = false
	}
	return out
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
