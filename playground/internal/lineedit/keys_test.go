package lineedit

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestKeyDecoderAcceptsEveryCommonFormOfTheKeys feeds the forms in which
// xterm, tmux, screen, rxvt and the Linux console send Home, End and the
// other keys, and expects the form golang.org/x/term decodes.
func TestKeyDecoderAcceptsEveryCommonFormOfTheKeys(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"Home, xterm (CSI H)", "\x1b[H", "\x1b[H"},
		{"End, xterm (CSI F)", "\x1b[F", "\x1b[F"},
		{"Home, tmux, screen, linux (CSI 1 ~)", "\x1b[1~", "\x1b[H"},
		{"End, tmux, screen, linux (CSI 4 ~)", "\x1b[4~", "\x1b[F"},
		{"Home, rxvt (CSI 7 ~)", "\x1b[7~", "\x1b[H"},
		{"End, rxvt (CSI 8 ~)", "\x1b[8~", "\x1b[F"},
		{"Home, application mode (SS3 H)", "\x1bOH", "\x1b[H"},
		{"End, application mode (SS3 F)", "\x1bOF", "\x1b[F"},
		{"Shift-Home", "\x1b[1;2H", "\x1b[H"},
		{"Up, application mode", "\x1bOA", "\x1b[A"},
		{"Left, application mode", "\x1bOD", "\x1b[D"},
		{"Ctrl-Right", "\x1b[1;5C", "\x1b[1;3C"},
		{"Ctrl-Left, rxvt", "\x1b[5D", "\x1b[1;3D"},
		{"Alt-b", "\x1bb", "\x1b[1;3D"},
		{"Alt-f", "\x1bf", "\x1b[1;3C"},
		{"Ctrl-Delete", "\x1b[3;5~", "\x1b[3~"},
		{"Delete", "\x1b[3~", "\x1b[3~"},
		{"Page Up is left to x/term", "\x1b[5~", "\x1b[5~"},
		{"keys around", "a\x1b[1~b\x1b[4~c", "a\x1b[Hb\x1b[Fc"},
		{"a paste is untouched", "\x1b[200~x\x1b[1~y\x1b[201~\x1b[1~", "\x1b[200~x\x1b[1~y\x1b[201~\x1b[H"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d keyDecoder
			assert.Equal(t, tc.want, string(d.decode([]byte(tc.in))))
			assert.Empty(t, d.held)

			// The same keys one byte a read: a sequence split across reads.
			var got strings.Builder
			d = keyDecoder{}
			for i := range len(tc.in) {
				got.Write(d.decode([]byte{tc.in[i]}))
			}
			assert.Equal(t, tc.want, got.String(), "one byte at a time")
		})
	}
}

func TestKeyDecoderPassesOnAnOverlongSequence(t *testing.T) {
	var d keyDecoder
	long := "\x1b[" + strings.Repeat("1", 40)
	assert.Equal(t, long, string(d.decode([]byte(long))))
	assert.Empty(t, d.held)
}
