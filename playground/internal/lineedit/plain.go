package lineedit

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"sync"
)

// plain reads lines from a reader that is not a terminal: no prompts, no
// editing.
type plain struct {
	in  *bufio.Reader
	mu  sync.Mutex
	out io.Writer
}

// Plain returns an Editor for input that is not a terminal.
func Plain(in io.Reader, out io.Writer) Editor {
	return &plain{in: bufio.NewReader(in), out: out}
}

func (p *plain) ReadLine(string) (string, error) {
	line, err := p.in.ReadString('\n')
	if errors.Is(err, io.EOF) && line != "" {
		err = nil
	}
	return strings.TrimRight(line, "\r\n"), err
}

func (p *plain) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.Write(b)
}

func (p *plain) Interrupts() <-chan struct{} { return nil }
func (p *plain) Interactive() bool           { return false }
func (p *plain) Close() error                { return nil }
