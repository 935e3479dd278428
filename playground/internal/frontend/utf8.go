package frontend

import (
	"fmt"
	"unicode/utf8"
)

// invalidUTF8 returns an error for each line of src that holds bytes
// that are not UTF-8, at the first of them. Go reads its source as UTF-8
// text; the scanner would say "illegal UTF-8 encoding" and then "illegal
// character U+FFFD" for the same byte.
func invalidUTF8(src *Source) ErrorList {
	if utf8.ValidString(src.Text) {
		return nil
	}
	var errs ErrorList
	lastLine := 0
	for off := 0; off < len(src.Text); {
		r, size := utf8.DecodeRuneInString(src.Text[off:])
		if r == utf8.RuneError && size <= 1 {
			if line, _ := src.Position(off); line != lastLine {
				lastLine = line
				errs = append(errs, notUTF8(src, off, fmt.Sprintf("byte %#x is not UTF-8 text, which Go source must be", src.Text[off])))
			}
		}
		off += max(size, 1)
	}
	return errs
}

// replacementCharMsg is the scanner's error for U+FFFD outside a literal.
const replacementCharMsg = "illegal character U+FFFD '\uFFFD'"

// notUTF8 is the error msg, at offset off, for input that is not UTF-8
// text, with what to do.
func notUTF8(src *Source, off int, msg string) Error {
	e := newError(src, off, msg)
	e.Hint = "The input is in another encoding, or binary: retype the line, or convert a file first (iconv -f <its encoding> -t UTF-8)."
	return e
}
