package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestHomeAndEndInEveryCommonTerminal types a line, then Home and End in
// each form terminals send them (tmux and screen ESC [ 1 ~, rxvt ESC [ 7 ~,
// xterm ESC [ H or, in application mode, ESC O H), under each common TERM.
func TestHomeAndEndInEveryCommonTerminal(t *testing.T) {
	forms := []struct{ name, home, end string }{
		{"CSI H/F", "\x1b[H", "\x1b[F"},
		{"CSI 1~/4~", "\x1b[1~", "\x1b[4~"},
		{"CSI 7~/8~", "\x1b[7~", "\x1b[8~"},
		{"SS3 H/F", "\x1bOH", "\x1bOF"},
	}
	for _, term := range []string{"tmux-256color", "screen", "xterm-256color", "linux"} {
		t.Run(term, func(t *testing.T) {
			t.Parallel()
			tty := startTerminalWith(t, "TERM="+term)
			for _, f := range forms {
				tty.expect("go> ")
				// "2", Home, "1", End, "3": 123 if both keys moved the cursor.
				tty.send("2" + f.home + "1" + f.end + "3\r")
				tty.expect("123 // int\r\n")
			}
			tty.expect("go> ")
			tty.send("\x04")
			assert.Equal(t, 0, tty.exit())
		})
	}
}
