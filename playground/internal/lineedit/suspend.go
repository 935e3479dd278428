package lineedit

import (
	"fmt"
	"os"
	"time"

	"golang.org/x/term"
)

// Suspend gives the terminal to another program, such as a text editor:
// it stops reading the keyboard and restores the terminal's mode. Call
// resume when the program has ended, and only then read lines again.
// Without a terminal of its own to stop reading (it reads the standard
// input), it returns an error.
func (e *terminal) Suspend() (resume func() error, err error) {
	if e.tty == os.Stdin {
		return nil, fmt.Errorf("suspend the line editor: it reads the standard input, which cannot be stopped")
	}
	if err := e.tty.SetReadDeadline(time.Now()); err != nil {
		return nil, fmt.Errorf("suspend the line editor: %w", err)
	}
	<-e.pumping
	if err := term.Restore(e.fd, e.raw); err != nil {
		return nil, fmt.Errorf("suspend the line editor: restore the terminal: %w", err)
	}
	return func() error {
		if _, err := term.MakeRaw(e.fd); err != nil {
			return fmt.Errorf("resume the line editor: put the terminal in raw mode: %w", err)
		}
		if err := e.tty.SetReadDeadline(time.Time{}); err != nil {
			return fmt.Errorf("resume the line editor: %w", err)
		}
		e.startPump()
		return nil
	}, nil
}
