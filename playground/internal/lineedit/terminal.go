package lineedit

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"

	"golang.org/x/term"
)

// interruptKey is what the input pump puts in place of a Ctrl-C typed at
// the prompt: a private-use character that term.Terminal hands to the
// AutoCompleteCallback (it would take a raw Ctrl-C for end of input).
const interruptKey = '\uE003'

// terminal edits lines on a terminal in raw mode with golang.org/x/term.
// One goroutine (the pump) reads the keyboard all the time: while a line
// is read it feeds term.Terminal; while a cell runs it turns Ctrl-C into
// an interrupt and keeps the other keys for the next prompt.
type terminal struct {
	t       *term.Terminal
	out     *batcher // the terminal
	fd      int      // the terminal, for raw mode and its size
	raw     *term.State
	tty     *os.File // what the pump reads
	keys    *keyQueue
	dec     keyDecoder // only the pump uses it
	hist    *history
	reading atomic.Bool
	cut     atomic.Bool // Ctrl-C during the current ReadLine
	midLine atomic.Bool // the last output did not end its line

	promptMu sync.Mutex
	prompt   string              // the current ReadLine's, as given
	shown    bool                // a ReadLine shows it
	fresh    func(string) string // see SetPrompter

	interrupts chan struct{}
	winch      chan os.Signal
	stop       chan struct{}
	wg         sync.WaitGroup
	pumping    chan struct{} // closed when the pump stops
}

// New returns a line editor: one that edits lines if in and out are both
// terminals, a plain one otherwise. History is kept in historyPath ("" for
// none).
func New(in, out *os.File, historyPath string) (Editor, error) {
	if !term.IsTerminal(int(in.Fd())) || !term.IsTerminal(int(out.Fd())) {
		return Plain(in, out), nil
	}
	return newTerminal(in, out, historyPath)
}

func newTerminal(in, out *os.File, historyPath string) (*terminal, error) {
	fd := int(in.Fd())
	tty, err := openTTY(in)
	if err != nil {
		return nil, err
	}
	raw, err := term.MakeRaw(fd)
	if err != nil {
		tty.Close()
		return nil, fmt.Errorf("put the terminal in raw mode: %w", err)
	}
	e := &terminal{
		fd: fd, raw: raw, tty: tty, keys: newKeyQueue(), hist: loadHistory(historyPath),
		interrupts: make(chan struct{}, 1), winch: make(chan os.Signal, 1), stop: make(chan struct{}),
	}
	e.setOutput(out)
	e.t.SetBracketedPasteMode(true)
	e.resize()
	signal.Notify(e.winch, syscall.SIGWINCH)
	e.startPump()
	e.wg.Add(1)
	go e.watchSize()
	return e, nil
}

// setOutput makes the line editor write to out, the terminal, through a
// batcher.
func (e *terminal) setOutput(out io.Writer) {
	e.out = newBatcher(out)
	e.t = term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{e.keys, e.out}, "")
	e.t.History = e.hist
	e.t.AutoCompleteCallback = e.key
}

// openTTY opens the terminal again, so that reading it can be stopped: a
// freshly opened terminal is nonblocking and polled by the Go runtime,
// unlike the standard input a shell hands over. Without one, the editor
// reads the standard input, and its reading goroutine ends with the
// program.
func openTTY(in *os.File) (*os.File, error) {
	for _, name := range []string{"/dev/tty", "/proc/self/fd/0"} {
		if f, err := os.Open(name); err == nil {
			return f, nil
		}
	}
	return in, nil
}

// key handles the keys term.Terminal does not: Ctrl-C at the prompt, and
// Tab, which indents.
func (e *terminal) key(line string, pos int, key rune) (string, int, bool) {
	switch key {
	case interruptKey:
		e.cut.Store(true)
		e.hist.skipNext()
		return line + "^C", len(line) + 2, true
	case '\t':
		return line[:pos] + "    " + line[pos:], pos + 4, true
	}
	return "", 0, false
}

func (e *terminal) startPump() {
	e.pumping = make(chan struct{})
	e.wg.Add(1)
	go e.pump(e.pumping)
}

// pump reads the keyboard until the editor closes, or until Suspend
// stops it with a read deadline.
func (e *terminal) pump(done chan struct{}) {
	defer e.wg.Done()
	defer close(done)
	buf := make([]byte, 256)
	for {
		n, err := e.tty.Read(buf)
		if n > 0 {
			e.input(buf[:n])
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return // suspended: the keys go on after Resume
		}
		if err != nil {
			e.keys.close()
			return
		}
	}
}

// input routes keys: to the line being edited, or, while a cell runs,
// Ctrl-C to Interrupts; other keys typed meanwhile wait for the next
// prompt, as a shell's do (Ctrl-D too: it then ends the session).
func (e *terminal) input(b []byte) {
	var keep []byte
	for _, c := range b {
		switch {
		case c == 3 && e.reading.Load():
			keep = append(keep, string(interruptKey)+"\r"...)
		case c == 3:
			select {
			case e.interrupts <- struct{}{}:
			default:
			}
		default:
			keep = append(keep, c)
		}
	}
	e.keys.push(e.dec.decode(keep))
}

func (e *terminal) watchSize() {
	defer e.wg.Done()
	for {
		select {
		case <-e.stop:
			return
		case <-e.winch:
			e.resize()
		}
	}
}

func (e *terminal) resize() {
	if w, h, err := term.GetSize(e.fd); err == nil && w > 0 && h > 0 {
		_ = e.t.SetSize(w, h)
	}
}

func (e *terminal) ReadLine(prompt string) (string, error) {
	if e.midLine.Swap(false) {
		_, _ = e.t.Write([]byte("\n")) // the prompt starts a line of its own
	}
	e.showPrompt(prompt)
	defer e.hidePrompt()
	select { // a Ctrl-C for the cell that just ended is too late
	case <-e.interrupts:
	default:
	}
	e.cut.Store(false)
	e.reading.Store(true)
	defer e.reading.Store(false)
	line, err := e.t.ReadLine()
	if errors.Is(err, term.ErrPasteIndicator) {
		err = nil
	}
	if errors.Is(err, io.EOF) {
		_, _ = e.out.Write([]byte("\r\n")) // leave the prompt's line, as Enter would
	}
	if e.cut.Load() {
		return "", ErrInterrupt
	}
	return line, err
}

// Write writes output above the line being typed. While the prompt is
// shown, output that does not end a line is ended, or the prompt would be
// drawn after it.
func (e *terminal) Write(p []byte) (int, error) {
	n := len(p)
	if n == 0 {
		return 0, nil
	}
	if e.reading.Load() && p[n-1] != '\n' {
		p = append(p[:n:n], '\n')
	}
	e.midLine.Store(p[len(p)-1] != '\n')
	e.out.hold()
	_, err := e.t.Write(p)
	if rerr := e.out.release(); err == nil {
		err = rerr
	}
	if err != nil {
		return 0, err
	}
	return n, nil
}

func (e *terminal) Interrupts() <-chan struct{} { return e.interrupts }
func (e *terminal) Interactive() bool           { return true }

// Close restores the terminal and waits for the editor's goroutines.
func (e *terminal) Close() error {
	e.t.SetBracketedPasteMode(false)
	err := term.Restore(e.fd, e.raw)
	signal.Stop(e.winch)
	close(e.stop)
	if e.tty != os.Stdin {
		e.tty.Close() // ends the pump's read
		e.wg.Wait()
	}
	return err
}

// keyQueue passes keys from the pump to term.Terminal, without bound, so
// that the pump never blocks and always sees Ctrl-C.
type keyQueue struct {
	mu     sync.Mutex
	buf    []byte
	ready  chan struct{} // a token when buf is not empty
	closed chan struct{}
	once   sync.Once
}

func newKeyQueue() *keyQueue {
	return &keyQueue{ready: make(chan struct{}, 1), closed: make(chan struct{})}
}

func (q *keyQueue) push(b []byte) {
	if len(b) == 0 {
		return
	}
	q.mu.Lock()
	q.buf = append(q.buf, b...)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

func (q *keyQueue) Read(p []byte) (int, error) {
	for {
		q.mu.Lock()
		if len(q.buf) > 0 {
			n := copy(p, q.buf)
			q.buf = q.buf[n:]
			q.mu.Unlock()
			return n, nil
		}
		q.mu.Unlock()
		select {
		case <-q.ready:
		case <-q.closed:
			return 0, io.EOF
		}
	}
}

func (q *keyQueue) close() { q.once.Do(func() { close(q.closed) }) }
