package export

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/frontend"
)

// statement writes a statement of a cell (or a var declaration) into main.
func (w *writer) statement(s ast.Stmt) {
	p := w.fp.piece(s.Pos())
	if p == nil {
		return
	}
	off := w.fp.off(p, s.Pos())
	var eds []edit
	w.mainCalls(s, p, &eds)
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE && w.hoist(s.Lhs) {
			at := w.fp.off(p, s.TokPos)
			eds = append(eds, edit{at, at + 2, " ="})
		}
	case *ast.DeclStmt:
		w.vardecl(p, s)
		return
	case *ast.ExprStmt:
		if w.needsPrint(s.X) {
			w.prints = true
			w.body.WriteString("\n" + fmtAlias + ".Println(" + p.directive(off) + apply(p.text[off:w.fp.off(p, s.End())], eds, off) + ")")
			return
		}
	}
	w.body.WriteString(p.directive(off) + apply(p.text[off:w.fp.off(p, s.End())], eds, off))
}

// vardecl writes a var declaration of a cell: its variables are declared
// at the package level, and assigned their values here.
func (w *writer) vardecl(p *piece, s *ast.DeclStmt) {
	g := s.Decl.(*ast.GenDecl)
	for _, spec := range g.Specs {
		vs := spec.(*ast.ValueSpec)
		text := func(from, to token.Pos) string { return p.text[w.fp.off(p, from):w.fp.off(p, to)] }
		if !w.hoist(identExprs(vs.Names)) {
			w.body.WriteString(p.directive(w.fp.off(p, vs.Pos())) + "var " + text(vs.Pos(), vs.End()))
			continue
		}
		if len(vs.Values) == 0 {
			continue
		}
		first, last := vs.Values[0], vs.Values[len(vs.Values)-1]
		w.body.WriteString(p.directive(w.fp.off(p, vs.Pos())) + text(vs.Names[0].Pos(), vs.Names[len(vs.Names)-1].End()) + " =" +
			p.directive(w.fp.off(p, first.Pos())) + text(first.Pos(), last.End()))
	}
}

func identExprs(ids []*ast.Ident) []ast.Expr {
	out := make([]ast.Expr, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// hoist declares the variables a cell defines at the package level. It
// reports false, and declares nothing, if a type cannot be written (the
// first pass could not tell it): the definition then stays in main.
func (w *writer) hoist(lhs []ast.Expr) bool {
	var vars []string
	var names []string
	for _, x := range lhs {
		id, ok := x.(*ast.Ident)
		if !ok {
			return false
		}
		if id.Name == "_" {
			continue
		}
		obj, ok := w.fp.info.Defs[id].(*types.Var)
		if !ok || obj == nil {
			if w.hoisted[id.Name] {
				continue // defined by an earlier cell: assigned here
			}
			return false
		}
		if b, ok := obj.Type().(*types.Basic); ok && b.Kind() == types.Invalid {
			return false
		}
		if w.hoisted[id.Name] {
			continue
		}
		vars = append(vars, id.Name+" "+types.TypeString(obj.Type(), w.qualify))
		names = append(names, id.Name)
	}
	w.vars = append(w.vars, vars...)
	for _, n := range names {
		w.hoisted[n] = true
	}
	return true
}

// qualify names a package in a type the program writes.
func (w *writer) qualify(p *types.Package) string {
	if p == w.fp.pkg {
		return ""
	}
	if is, ok := w.byPath[p.Path()]; ok && is.name != "_" {
		is.used = true
		switch is.name {
		case ".":
			return ""
		case "":
			return p.Name()
		}
		return is.name
	}
	alias, ok := w.hidden[p.Path()]
	if !ok {
		alias = "__" + strings.Map(func(r rune) rune {
			if r == '/' || r == '.' || r == '-' {
				return '_'
			}
			return r
		}, p.Path())
		w.hidden[p.Path()] = alias
	}
	return alias
}

// valueBuiltins are the builtins whose calls are values, not statements.
var valueBuiltins = map[string]bool{
	"append": true, "cap": true, "complex": true, "imag": true, "len": true,
	"make": true, "max": true, "min": true, "new": true, "real": true,
}

// needsPrint reports whether an expression statement is a value the REPL
// showed, which Go does not take as a statement: the program prints it.
// Calls stay as they are.
func (w *writer) needsPrint(x ast.Expr) bool {
	x = ast.Unparen(x)
	switch e := x.(type) {
	case *ast.CallExpr:
		if tv, ok := w.fp.info.Types[e.Fun]; ok && tv.IsType() {
			return true // a conversion
		}
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok {
			if _, builtin := w.fp.info.Uses[id].(*types.Builtin); builtin {
				return valueBuiltins[id.Name]
			}
		}
		return w.shownCall(e)
	case *ast.UnaryExpr:
		if e.Op == token.ARROW {
			tv, ok := w.fp.info.Types[e]
			if !ok {
				return false
			}
			s, isStruct := tv.Type.Underlying().(*types.Struct)
			return !isStruct || s.NumFields() > 0
		}
	}
	return true
}

// shownCall reports whether the REPL showed a call's results: it has
// some, they are not just an error (shown only when not nil), and it is
// not a print function or a Write method.
func (w *writer) shownCall(call *ast.CallExpr) bool {
	tv, ok := w.fp.info.Types[call]
	if !ok || tv.IsVoid() || tv.Type == nil || types.Identical(tv.Type, types.Universe.Lookup("error").Type()) {
		return false
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if fn, ok := w.fp.info.Uses[sel.Sel].(*types.Func); ok {
			if fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && strings.Contains(fn.Name(), "Print") {
				return false
			}
			if _, method := w.fp.info.Selections[sel]; method && strings.HasPrefix(fn.Name(), "Write") {
				return false
			}
		}
	}
	return true
}

// mainCalls renames the calls of the session's func main in a statement.
func (w *writer) mainCalls(s ast.Stmt, p *piece, eds *[]edit) {
	if w.fp.pkg == nil {
		return
	}
	generated := w.fp.pkg.Scope().Lookup("main")
	ast.Inspect(s, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == "main" && generated != nil && w.fp.info.Uses[id] == generated {
			at := w.fp.off(p, id.Pos())
			*eds = append(*eds, edit{at, at + len("main"), frontend.MainFunc})
		}
		return true
	})
}

// edit replaces text[start:end] of a piece.
type edit struct {
	start, end int
	text       string
}

// apply applies edits to text, which starts at offset base of its piece.
func apply(text string, eds []edit, base int) string {
	sort.Slice(eds, func(i, j int) bool { return eds[i].start < eds[j].start })
	var b strings.Builder
	at := 0
	for _, e := range eds {
		s, end := e.start-base, e.end-base
		if s < at || end > len(text) {
			continue
		}
		b.WriteString(text[at:s] + e.text)
		at = end
	}
	return b.String() + text[at:]
}
