package frontend

import (
	"fmt"
	"sort"
	"strings"
)

// Source is a piece of the learner's input: a REPL cell, the argument of
// -e, or a file.
type Source struct {
	// Name identifies the source in positions: "cell3", "-e", "prog.go".
	Name string
	// Text is the input.
	Text string
	// File is set for a file: positions are shown as name:line:col.
	File  bool
	lines []int // offsets of the line starts
	index int   // its number in the session, for the names of its functions
	base  int   // its line n is line base+n of the //line directives
}

// NewSource returns a Source.
func NewSource(name, text string, file bool) *Source {
	s := &Source{Name: name, Text: text, File: file, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// Position returns the 1-based line and column of a byte offset.
func (s *Source) Position(off int) (line, col int) {
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i] > off }) - 1
	return i + 1, off - s.lines[i] + 1
}

// Line returns line n (1-based) without its newline.
func (s *Source) Line(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	end := len(s.Text)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	return strings.TrimSuffix(s.Text[s.lines[n-1]:end], "\r")
}

// The interpreter keeps imports per file name, so every //line directive
// names the interpreter's one file; the source is in the line number. The
// session numbers its sources' lines one after the other, as if they were
// one long file: the first source's line n is firstLine+n, and each next
// source starts after the last line of the one before. Go's positions
// number lines up to maxLine, so a session can take some billion lines of
// input, however many cells they come in.
const (
	directiveFile = "_.go" // yaegi's name for code given to Eval
	// firstLine keeps the encoded lines large, so that a small "3:5: " in
	// an interpreter's message is never taken for a position.
	firstLine = 1_000_000
	maxLine   = 1 << 30 // go/scanner's and the compiler's limit
)

// directive is the //line comment that gives the code after it the
// position of offset off in the source.
func (s *Source) directive(off int) string {
	line, col := s.Position(off)
	return fmt.Sprintf("/*line %s:%d:%d*/", directiveFile, s.base+line, col)
}

// lineCount is the number of lines of the source, the last one counted
// even if it has no newline.
func (s *Source) lineCount() int { return len(s.lines) }
