package export

import (
	"go/ast"
	"go/token"
	"go/types"
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
		if s.Tok == token.DEFINE && w.hoist(s.Lhs, p.dump) {
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
		if w.registers(vs) {
			// A registered function stays a package-level variable, as
			// lesson 01 requires: a child process finds it by name before
			// main runs any statement.
			w.decls = append(w.decls, decl{keys: declKeys(g), text: p.directive(w.fp.off(p, vs.Pos())) + "var " + text(vs.Pos(), vs.End())})
			w.children = true
			continue
		}
		if !w.hoist(frontend.IdentExprs(vs.Names), p.dump) {
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

// registerPkgs are the packages whose Register functions register a
// function for child processes.
var registerPkgs = map[string]bool{
	"github.com/gophertutor/concurrency/lessons/01-processes": true,
	"github.com/gophertutor/concurrency/lessons/04-mixing":    true,
}

// ProcessesPath is lesson 01's package, whose RunChildIfRequested a
// program that registers functions calls first.
const ProcessesPath = "github.com/gophertutor/concurrency/lessons/01-processes"

// registers reports whether every value of a var spec is a call of a
// course package's Register function.
func (w *writer) registers(vs *ast.ValueSpec) bool {
	if len(vs.Values) == 0 || len(vs.Values) != len(vs.Names) {
		return false
	}
	for _, v := range vs.Values {
		call, ok := ast.Unparen(v).(*ast.CallExpr)
		if !ok {
			return false
		}
		fun := ast.Unparen(call.Fun)
		switch x := fun.(type) {
		case *ast.IndexExpr:
			fun = x.X
		case *ast.IndexListExpr:
			fun = x.X
		}
		sel, ok := fun.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		f, ok := w.fp.info.Uses[sel.Sel].(*types.Func)
		if !ok || f.Pkg() == nil || !registerPkgs[f.Pkg().Path()] || !strings.HasPrefix(f.Name(), "Register") {
			return false
		}
	}
	return true
}

// hoist declares the variables a cell defines at the package level. It
// reports false, and declares nothing, if a type cannot be written (the
// first pass could not tell it): the definition then stays in main. With
// dump set, the variables are among those the program dumps at its end.
func (w *writer) hoist(lhs []ast.Expr, dump bool) bool {
	var vars []string
	var names []string
	var dumped []Dumped
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
		if dump {
			dumped = append(dumped, Dumped{Name: id.Name, Type: obj.Type()})
		}
	}
	w.vars = append(w.vars, vars...)
	w.dumped = append(w.dumped, dumped...)
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
