package lineedit

import "bytes"

// The key sequences golang.org/x/term decodes; keyDecoder rewrites the
// other common forms of the same keys into these.
var (
	seqHome      = []byte("\x1b[H")
	seqEnd       = []byte("\x1b[F")
	seqWordLeft  = []byte("\x1b[1;3D")
	seqWordRight = []byte("\x1b[1;3C")
	seqDelete    = []byte("\x1b[3~")
	seqPasteEnd  = []byte("\x1b[201~")
)

// maxSequence bounds an escape sequence the decoder waits to complete; a
// longer one is passed on as it is.
const maxSequence = 32

// keyDecoder turns the keys terminals send into the forms
// golang.org/x/term understands, whatever TERM says: x/term knows Home and
// End only as ESC [ H and ESC [ F, but tmux and screen send ESC [ 1 ~ and
// ESC [ 4 ~, the Linux console too, rxvt ESC [ 7 ~ and ESC [ 8 ~, and
// xterm in application mode (after a program such as vi or less set it)
// ESC O H and ESC O F, and ESC O A... for the arrows. Ctrl-Left and
// Ctrl-Right (ESC [ 1 ; 5 D), like Alt-b and Alt-f, move by a word. A
// sequence split between two reads is held until the rest comes. Pasted
// text (between ESC [ 200 ~ and ESC [ 201 ~) is passed on untouched.
type keyDecoder struct {
	held  []byte
	paste bool
}

// decode returns the keys of b, rewritten, and keeps back the start of a
// sequence that b ends in the middle of.
func (d *keyDecoder) decode(b []byte) []byte {
	data := append(d.held, b...)
	d.held = nil
	out := make([]byte, 0, len(data))
	for len(data) > 0 {
		if d.paste {
			i := bytes.Index(data, seqPasteEnd)
			if i < 0 {
				// Keep a tail that may begin the end of the paste.
				keep := partialSuffix(data, seqPasteEnd)
				out = append(out, data[:len(data)-keep]...)
				d.held = append(d.held, data[len(data)-keep:]...)
				return out
			}
			out = append(out, data[:i+len(seqPasteEnd)]...)
			data = data[i+len(seqPasteEnd):]
			d.paste = false
			continue
		}
		i := bytes.IndexByte(data, 0x1b)
		if i < 0 {
			return append(out, data...)
		}
		out = append(out, data[:i]...)
		data = data[i:]
		key, n := d.sequence(data)
		if n == 0 { // incomplete: wait for the rest
			d.held = append(d.held, data...)
			return out
		}
		out = append(out, key...)
		data = data[n:]
	}
	return out
}

// sequence decodes the escape sequence at the start of b (b[0] is ESC): it
// returns what to pass on and how many bytes of b it used, or n == 0 if b
// ends before the sequence does.
func (d *keyDecoder) sequence(b []byte) (key []byte, n int) {
	if len(b) < 2 {
		return nil, 0
	}
	switch b[1] {
	case 'O': // SS3: xterm's application mode, some keypads
		if len(b) < 3 {
			return nil, 0
		}
		switch c := b[2]; c {
		case 'H':
			return seqHome, 3
		case 'F':
			return seqEnd, 3
		case 'A', 'B', 'C', 'D':
			return []byte{0x1b, '[', c}, 3
		}
		return b[:3], 3
	case 'b':
		return seqWordLeft, 2
	case 'f':
		return seqWordRight, 2
	case '[':
		return d.csi(b)
	}
	return b[:1], 1 // a lone ESC; x/term decides what follows
}

// csi decodes ESC [ parameters final.
func (d *keyDecoder) csi(b []byte) (key []byte, n int) {
	i := 2
	for i < len(b) && b[i] >= 0x20 && b[i] <= 0x3f { // parameters, intermediates
		i++
	}
	if i == len(b) {
		if len(b) >= maxSequence {
			return b, len(b)
		}
		return nil, 0
	}
	if b[i] < 0x40 || b[i] > 0x7e { // not a sequence after all
		return b[:i], i
	}
	params, final, n := string(b[2:i]), b[i], i+1
	switch final {
	case 'H', 'F': // Home, End; with a modifier: ESC [ 1 ; 2 H
		if params == "" || isModified(params) {
			if final == 'H' {
				return seqHome, n
			}
			return seqEnd, n
		}
	case 'A', 'B': // Up, Down with a modifier
		if isModified(params) {
			return []byte{0x1b, '[', final}, n
		}
	case 'C', 'D': // Right, Left: with Ctrl or Alt, by a word
		if params == "5" || isModified(params) {
			if params == "1;2" { // Shift: by a character
				return []byte{0x1b, '[', final}, n
			}
			if final == 'C' {
				return seqWordRight, n
			}
			return seqWordLeft, n
		}
	case '~':
		switch params {
		case "1", "7":
			return seqHome, n
		case "4", "8":
			return seqEnd, n
		case "200":
			d.paste = true
		}
		if len(params) > 2 && params[:2] == "3;" { // Delete with a modifier
			return seqDelete, n
		}
	}
	return b[:n], n
}

// isModified reports whether CSI parameters are "1;m", a key with a
// modifier (2 Shift, 3 Alt, 5 Ctrl...).
func isModified(params string) bool {
	return len(params) == 3 && params[:2] == "1;" && params[2] >= '2' && params[2] <= '9'
}

// partialSuffix returns the length of the longest tail of b that is a
// proper prefix of seq.
func partialSuffix(b, seq []byte) int {
	for n := min(len(seq)-1, len(b)); n > 0; n-- {
		if bytes.HasSuffix(b, seq[:n]) {
			return n
		}
	}
	return 0
}
