// Package notebook keeps lesson READMEs honest. A README is read like a
// Jupyter notebook: prose, code cells and the output of running them. No
// cell is typed by hand: an HTML comment (invisible on GitHub) before each
// fenced block says where the block comes from.
//
//	<!-- code: examples/vanilla/main.go -->          a whole file (path relative to the README)
//	<!-- code: overview.go#Sequential,Task.Run -->   named declarations, with their doc comments
//	<!-- output: go run ./lessons/00-overview/examples/vanilla | durations | sum=… -->
//
// An output directive holds the command, as a learner types it from the
// repository root, then the rules for what may vary between runs (see
// [Rule]), then the hash of the recorded block, which the generator writes.
//
// [Generate] (run by go generate in each lesson) fills every block: code from
// the files, output by running the command; under each output block it
// writes a caption saying where it was recorded and what varies. [Verify]
// (run by each lesson's TestREADME) fails when a code block differs from its
// file, when an output block was edited by hand (its hash no longer
// matches), or when running the command again gives output that differs
// from the recorded block beyond what the rules allow.
package notebook

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/gophertutor/concurrency/internal/fence"
)

// Kind is the kind of a cell.
type Kind string

// The kinds of cells.
const (
	Code   Kind = "code"
	Output Kind = "output"
)

// Cell is a generated block of a README and the directive above it.
type Cell struct {
	Kind Kind
	// Source is the file (with optional #declarations) for a code cell, or
	// the command for an output cell.
	Source string
	// Rules are the output cell's variation rules, as written.
	Rules []string
	// Sum is the recorded hash of an output cell's block and caption.
	Sum string
	// Lang is the fence's language tag.
	Lang string
	// Body is the block's content, without the fences.
	Body string
	// Caption is the line under an output block ("" for code cells).
	Caption string
	// Line is the 1-based line of the directive in the README.
	Line int

	// directive, open, close and caption line indexes (0-based) in the
	// document; caption is -1 when there is none.
	dir, open, close, capt int
}

// Doc is a parsed README.
type Doc struct {
	lines []string
	Cells []*Cell
}

var directiveRE = regexp.MustCompile(`^<!-- (code|output): (.*?) -->$`)

// captionPrefix starts the generated line under an output block.
const captionPrefix = "<sub>Recorded on "

// Parse reads a README and finds its cells.
func Parse(text string) (*Doc, error) {
	d := &Doc{lines: strings.Split(text, "\n")}
	for i := 0; i < len(d.lines); i++ {
		m := directiveRE.FindStringSubmatch(d.lines[i])
		if m == nil {
			continue
		}
		c := &Cell{Kind: Kind(m[1]), Line: i + 1, dir: i, capt: -1}
		parts := strings.Split(m[2], " | ")
		c.Source = strings.TrimSpace(parts[0])
		for _, p := range parts[1:] {
			p = strings.TrimSpace(p)
			if s, ok := strings.CutPrefix(p, "sum="); ok {
				c.Sum = s
			} else if p != "" {
				c.Rules = append(c.Rules, p)
			}
		}
		if c.Kind == Code && len(c.Rules) > 0 {
			return nil, fmt.Errorf("line %d: a code directive takes no rules", c.Line)
		}
		c.open = i + 1
		ok := false
		if c.open < len(d.lines) {
			_, c.Lang, ok = fence.Open(d.lines[c.open])
		}
		if !ok {
			return nil, fmt.Errorf("line %d: a %s directive must be followed by a fenced block (```)", c.Line, c.Kind)
		}
		if c.close = fence.End(d.lines, c.open); c.close == len(d.lines) {
			return nil, fmt.Errorf("line %d: the block after this directive is never closed", c.Line)
		}
		c.Body = strings.Join(d.lines[c.open+1:c.close], "\n")
		if c.close+1 < len(d.lines) && strings.HasPrefix(d.lines[c.close+1], captionPrefix) {
			c.capt = c.close + 1
			c.Caption = d.lines[c.capt]
		}
		d.Cells = append(d.Cells, c)
		i = max(c.close, c.capt)
	}
	return d, nil
}

// Render writes the document back, with every cell's current directive,
// body and caption.
func (d *Doc) Render() string {
	var out []string
	next := 0
	for _, c := range d.Cells {
		out = append(out, d.lines[next:c.dir]...)
		out = append(out, c.directive())
		marks := fence.For(c.Body)
		out = append(out, marks+c.Lang)
		if c.Body != "" {
			out = append(out, strings.Split(c.Body, "\n")...)
		}
		out = append(out, marks)
		if c.Caption != "" {
			out = append(out, c.Caption)
		}
		next = max(c.close, c.capt) + 1
	}
	out = append(out, d.lines[next:]...)
	return strings.Join(out, "\n")
}

func (c *Cell) directive() string {
	parts := append([]string{c.Source}, c.Rules...)
	if c.Sum != "" {
		parts = append(parts, "sum="+c.Sum)
	}
	return fmt.Sprintf("<!-- %s: %s -->", c.Kind, strings.Join(parts, " | "))
}
