package export

import (
	"bytes"
	"io"
	"sync"
)

// lineMapper is an io.Writer that passes whole lines through
// Program.MapLine.
type lineMapper struct {
	p   *Program
	out io.Writer

	mu  sync.Mutex
	buf []byte
}

// Mapper returns a writer that maps each line written to it with MapLine
// and writes the result to out. Flush writes a last line that has no
// newline.
func (p *Program) Mapper(out io.Writer) interface {
	io.Writer
	Flush() error
} {
	return &lineMapper{p: p, out: out}
}

func (m *lineMapper) Write(b []byte) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.buf = append(m.buf, b...)
	for {
		i := bytes.IndexByte(m.buf, '\n')
		if i < 0 {
			return len(b), nil
		}
		line := string(m.buf[:i])
		m.buf = m.buf[i+1:]
		if out, keep := m.p.MapLine(line); keep {
			if _, err := io.WriteString(m.out, out+"\n"); err != nil {
				return len(b), err
			}
		}
	}
}

// Flush writes what is left, a line without its newline.
func (m *lineMapper) Flush() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.buf) == 0 {
		return nil
	}
	out, keep := m.p.MapLine(string(m.buf))
	m.buf = nil
	if !keep {
		return nil
	}
	_, err := io.WriteString(m.out, out+"\n")
	return err
}
