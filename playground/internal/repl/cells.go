package repl

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strings"
	"time"

	"github.com/gophertutor/concurrency/playground/internal/export"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
)

// cellLog is what ran in the session, in order: the cells (and loaded
// files) that ran to their end, for :build and :race to write out as a
// program, and how long the interpreter took on them.
type cellLog struct {
	cells  []export.Cell
	interp time.Duration
	// compiled are the cells that ran compiled, in order, as DeclsOnly
	// cells: their types, functions and constants, which the interpreter
	// does not have, go into the later compiled cells. declared names what
	// they declared, and lost the variables they declared, which are gone
	// with their program: by name, the cell.
	compiled       []export.Cell
	declared, lost map[string]string
	copies         int // the cells that gave compiled cells' variables back
}

// ran records a program that ran to its end in d.
func (l *cellLog) ran(p *frontend.Program, d time.Duration) {
	l.cells = append(l.cells, export.Cell{Src: p.Source, RunsMain: p.RunsMain})
	l.interp += d
}

// ranCompiled records a cell that ran compiled; kept are the variables it
// declared that came back to the session.
func (l *cellLog) ranCompiled(src *frontend.Source, kept map[string]bool) {
	l.compiled = append(l.compiled, export.Cell{Src: src, DeclsOnly: true})
	if l.declared == nil {
		l.declared, l.lost = map[string]string{}, map[string]string{}
	}
	decls, vars := topLevelNames(src)
	for _, n := range decls {
		l.declared[n] = src.Name
	}
	for _, n := range vars {
		if !kept[n] {
			l.lost[n] = src.Name
		}
	}
}

// topLevelNames are the names a cell declares at its top level: its
// imports, types, functions and constants, and apart, its variables (var
// and :=).
func topLevelNames(src *frontend.Source) (decls, vars []string) {
	items, err := frontend.Items(src)
	if err != nil {
		return nil, nil
	}
	for _, it := range items {
		text := src.Text[it.Start:it.End]
		if !it.Decl {
			if lhs, _, ok := strings.Cut(text, ":="); ok {
				for _, n := range strings.Split(lhs, ",") {
					if n = strings.TrimSpace(n); token.IsIdentifier(n) {
						vars = append(vars, n)
					}
				}
			}
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					decls = append(decls, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch sp := spec.(type) {
					case *ast.ImportSpec:
						name := path.Base(strings.Trim(sp.Path.Value, "\"`"))
						if sp.Name != nil {
							name = sp.Name.Name
						}
						decls = append(decls, name)
					case *ast.TypeSpec:
						decls = append(decls, sp.Name.Name)
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							if d.Tok == token.VAR {
								vars = append(vars, n.Name)
							} else {
								decls = append(decls, n.Name)
							}
						}
					}
				}
			}
		}
	}
	return decls, vars
}

// forget empties the log, with the session.
func (l *cellLog) forget() { *l = cellLog{} }

// resetSession forgets the session's declarations and its cells: the
// worker started afresh.
func (r *repl) resetSession() {
	r.fe.Reset()
	r.log.forget()
}
