package export

import (
	"fmt"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/frontend"
)

// Cell is a cell of the session (or a file it loaded), as it ran.
type Cell struct {
	Src *frontend.Source
	// RunsMain is set for a whole file whose func main ran.
	RunsMain bool
	// DeclsOnly keeps only the cell's imports and its type, func and const
	// declarations: not its statements or variables. A cell that runs
	// compiled gets the session's cells so, since their variables live in
	// the interpreter.
	DeclsOnly bool
	// Dump has the program write the values of the variables this cell
	// declares (at its top level) when main returns, to the file that the
	// environment variable wire.DumpEnv names: the session takes them back.
	Dump bool
}

// piece is a top-level declaration or statement of a cell.
type piece struct {
	src   *frontend.Source
	start int    // where text starts in src.Text
	text  string // after the static edits (func main renamed)
	decl  bool
	imp   bool // an import declaration
	at    int  // where text starts in the first pass's file
	dump  bool // its cell's Dump
}

// pieces cuts the cells into their declarations and statements.
func pieces(cells []Cell) ([]*piece, error) {
	var out []*piece
	for _, c := range cells {
		items, err := frontend.Items(c.Src)
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", c.Src.Name, err)
		}
		var mainDecl *piece
		for _, it := range items {
			if it.Package {
				continue
			}
			p := &piece{src: c.Src, start: it.Start, text: c.Src.Text[it.Start:it.End], decl: it.Decl, dump: c.Dump}
			p.imp = p.decl && strings.HasPrefix(p.text, "import")
			if c.DeclsOnly && (!p.decl || isVar(p)) {
				continue
			}
			if p.decl && renameMain(p) {
				mainDecl = p
			}
			out = append(out, p)
		}
		if c.RunsMain && mainDecl != nil && !c.DeclsOnly {
			out = append(out, &piece{src: c.Src, start: mainDecl.start, text: frontend.MainFunc + "()"})
		}
	}
	return out, nil
}

// renameMain renames a func main declared in a cell, as the REPL does:
// the program's main is the session's.
func renameMain(p *piece) bool {
	rest, ok := strings.CutPrefix(p.text, "func")
	if !ok {
		return false
	}
	trimmed := strings.TrimLeft(rest, " \t")
	name, ok := strings.CutPrefix(trimmed, "main")
	if !ok || !strings.HasPrefix(strings.TrimLeft(name, " \t"), "(") {
		return false
	}
	p.text = "func" + rest[:len(rest)-len(trimmed)] + frontend.MainFunc + name
	return true
}

// directive is the //line comment, on a line of its own, that gives the
// next line the position of offset off (in the piece's text) in its cell.
func (p *piece) directive(off int) string {
	line, col := p.src.Position(p.start + min(off, len(p.src.Text)-p.start))
	return fmt.Sprintf("\n//line %s:%d:%d\n", p.src.Name, line, col)
}
