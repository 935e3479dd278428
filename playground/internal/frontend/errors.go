package frontend

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Error is a problem at a place in the learner's input.
type Error struct {
	// Src is the input the error is in; nil if unknown.
	Src *Source
	// Line and Col are 1-based; 0 if unknown.
	Line, Col int
	// Msg says what is wrong; Hint, if set, what to do about it.
	Msg, Hint string
}

func newError(src *Source, off int, msg string) Error {
	line, col := src.Position(off)
	return Error{Src: src, Line: line, Col: col, Msg: msg}
}

// Error formats the error on one line.
func (e Error) Error() string {
	if where := e.Where(""); where != "" {
		return where + ": " + e.Msg
	}
	return e.Msg
}

// Where says where the error is: "prog.go:3:5" for a file, "line 3:5" for
// the current cell, "cell 2, line 3:5" for another one.
func (e Error) Where(current string) string {
	switch {
	case e.Src == nil || e.Line == 0:
		return ""
	case e.Src.File:
		return fmt.Sprintf("%s:%d:%d", e.Src.Name, e.Line, e.Col)
	case e.Src.Name == current:
		return fmt.Sprintf("line %d:%d", e.Line, e.Col)
	}
	return fmt.Sprintf("%s, line %d:%d", cellLabel(e.Src.Name), e.Line, e.Col)
}

// cellLabel turns "cell3" into "cell 3".
func cellLabel(name string) string {
	if n, ok := strings.CutPrefix(name, "cell"); ok {
		if _, err := strconv.Atoi(n); err == nil {
			return "cell " + n
		}
	}
	return name
}

// Format writes the error for the learner: where, what, the line of input
// with a caret under the column, and the hint.
func (e Error) Format(current string) string {
	var b strings.Builder
	if where := e.Where(current); where != "" {
		b.WriteString(where + ": ")
	}
	b.WriteString(e.Msg + "\n")
	if e.Src != nil && e.Line > 0 {
		if line := e.Src.Line(e.Line); strings.TrimSpace(line) != "" {
			gutter := fmt.Sprintf("%4d | ", e.Line)
			b.WriteString(gutter + line + "\n")
			// Col counts bytes: pad with one space (or tab) per character before it.
			pad := []rune(line[:min(max(e.Col-1, 0), len(line))])
			for i, r := range pad {
				if r != '\t' {
					pad[i] = ' '
				}
			}
			b.WriteString(strings.Repeat(" ", len(gutter)-2) + "| " + string(pad) + "^\n")
		}
	}
	if e.Hint != "" {
		b.WriteString(e.Hint + "\n")
	}
	return b.String()
}

// ErrorList is a list of errors, in the order found.
type ErrorList []Error

// Error formats the first error, and how many more there are.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// positioned finds "line:col: " positions, maybe after the file name,
// in interpreter messages.
var positioned = regexp.MustCompile(`(?:^|\s)(?:_\.go:)?(\d+):(\d+): `)

// decode returns the source and line of an encoded line number (see
// firstLine).
func (s *Session) decode(line int) (*Source, int, bool) {
	i := sort.Search(len(s.list), func(i int) bool { return s.list[i].base >= line }) - 1
	if i < 0 {
		return nil, 0, false
	}
	src := s.list[i]
	if n := line - src.base; n <= src.lineCount() {
		return src, n, true
	}
	return nil, 0, false
}

// Locate turns a message of the interpreter, whose positions are the
// //line positions the front end wrote, into an Error at the first of
// them.
func (s *Session) Locate(msg string) Error {
	for _, m := range positioned.FindAllStringSubmatchIndex(msg, -1) {
		line, _ := strconv.Atoi(msg[m[2]:m[3]])
		col, _ := strconv.Atoi(msg[m[4]:m[5]])
		src, line, ok := s.decode(line)
		if !ok {
			continue
		}
		rest := strings.TrimSpace(msg[:m[0]] + " " + msg[m[1]:])
		return Error{Src: src, Line: line, Col: col, Msg: rest}
	}
	return Error{Msg: msg}
}

// Position resolves an interpreter position, "_.go:1000002:5" or
// "1000002:5", to its source and line.
func (s *Session) Position(pos string) (src *Source, line, col int, ok bool) {
	parts := strings.Split(strings.TrimPrefix(pos, directiveFile+":"), ":")
	if len(parts) != 2 {
		return nil, 0, 0, false
	}
	line, err1 := strconv.Atoi(parts[0])
	col, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return nil, 0, 0, false
	}
	src, line, ok = s.decode(line)
	return src, line, col, ok
}
