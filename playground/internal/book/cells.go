package book

import (
	"regexp"
	"strings"

	"github.com/gophertutor/concurrency/internal/fence"
)

// BlockKind is what a part of a cell is.
type BlockKind int

// The kinds of blocks in a cell.
const (
	// Prose is Markdown text: paragraphs, lists, tables.
	Prose BlockKind = iota
	// Code is a fenced block of code (generated or not).
	Code
	// Output is a generated output block, with its caption.
	Output
	// Playground is a marked session: it runs in the playground.
	Playground
)

// Block is one part of a cell.
type Block struct {
	Kind BlockKind
	// Text is the prose, or the fenced block's content.
	Text string
	// Lang is a fenced block's language tag.
	Lang string
	// Caption is the line under an output block.
	Caption string
	// Session is a Playground block's session.
	Session *Session
}

// Cell is one step of a lesson: a heading with the prose under it, or
// prose that follows a block, then the blocks that come after the prose
// (a code block and its output, say), up to the next prose or heading.
type Cell struct {
	// Heading is the cell's own heading, "" if it continues a section;
	// Level is its number of #s.
	Heading string
	Level   int
	// Section is the nearest heading at or above the cell.
	Section string
	Blocks  []Block
	// Line is the 1-based line of the README where the cell starts.
	Line int
}

// Sessions returns the cell's playground sessions.
func (c Cell) Sessions() []*Session {
	var out []*Session
	for _, b := range c.Blocks {
		if b.Kind == Playground {
			out = append(out, b.Session)
		}
	}
	return out
}

var (
	headingRE = regexp.MustCompile(`^(#{1,6})\s+(.*)$`)
	commentRE = regexp.MustCompile(`^<!--(.*)-->$`)
)

// splitter is the state of Split.
type splitter struct {
	cells   []Cell
	cur     *Cell
	prose   []string
	section string
	marker  string // the HTML comment just before a fence
}

// Split splits a README into cells. HTML comments are dropped; a
// "<!-- session -->" comment marks the fenced block after it as a
// playground session, and "<!-- output: ... -->" as an output.
func Split(markdown string) []Cell {
	s := &splitter{}
	lines := strings.Split(markdown, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		_, _, opens := fence.Open(line)
		if trimmed != "" && !opens && !strings.HasPrefix(trimmed, "<!--") {
			s.marker = "" // a marker applies to the fence right after it
		}
		switch {
		case opens:
			i = s.fence(lines, i)
		case commentRE.MatchString(trimmed):
			s.marker = strings.TrimSpace(commentRE.FindStringSubmatch(trimmed)[1])
		case strings.HasPrefix(trimmed, "<!--"):
			for i < len(lines) && !strings.Contains(lines[i], "-->") {
				i++
			}
		case headingRE.MatchString(line):
			m := headingRE.FindStringSubmatch(line)
			s.start(i)
			s.cur.Heading, s.cur.Level = strings.TrimSpace(m[2]), len(m[1])
			s.section = s.cur.Heading
			s.cur.Section = s.section
		case strings.HasPrefix(trimmed, "<sub>") && s.lastKind() == Output && len(s.prose) == 0:
			s.cur.Blocks[len(s.cur.Blocks)-1].Caption = trimmed
		case trimmed == "":
			if len(s.prose) > 0 {
				s.prose = append(s.prose, "")
			}
		default:
			if s.cur == nil || (len(s.cur.Blocks) > 0 && s.lastKind() != Prose) {
				s.start(i)
			}
			s.prose = append(s.prose, line)
		}
	}
	s.flushProse()
	s.end()
	return s.cells
}

// start begins a new cell at line i (0-based).
func (s *splitter) start(i int) {
	s.flushProse()
	s.end()
	s.cur = &Cell{Section: s.section, Line: i + 1}
}

func (s *splitter) end() {
	if s.cur != nil && (s.cur.Heading != "" || len(s.cur.Blocks) > 0) {
		s.cells = append(s.cells, *s.cur)
	}
	s.cur = nil
}

func (s *splitter) flushProse() {
	text := strings.TrimSpace(strings.Join(s.prose, "\n"))
	s.prose = nil
	if text != "" {
		s.cur.Blocks = append(s.cur.Blocks, Block{Kind: Prose, Text: text})
	}
}

func (s *splitter) lastKind() BlockKind {
	if s.cur == nil || len(s.cur.Blocks) == 0 {
		return Prose
	}
	return s.cur.Blocks[len(s.cur.Blocks)-1].Kind
}

// fence reads the fenced block that opens at line i and returns the index
// of its closing line.
func (s *splitter) fence(lines []string, i int) int {
	_, lang, _ := fence.Open(lines[i])
	end := fence.End(lines, i)
	if s.cur == nil {
		s.start(i)
	}
	s.flushProse()
	b := Block{Kind: Code, Lang: lang, Text: strings.Join(lines[i+1:end], "\n")}
	switch marker := s.marker; {
	case marker == sessionMarker || strings.HasPrefix(marker, sessionMarker+" |"):
		b.Kind = Playground
		b.Session = parseSession(b.Text, marker, i+2)
	case strings.HasPrefix(marker, "output:"):
		b.Kind = Output
	}
	s.marker = ""
	s.cur.Blocks = append(s.cur.Blocks, b)
	return end
}
