package frontend

import (
	"go/ast"
	"go/types"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// funcLit passes a function literal that compiled code may keep and call
// later through an interpreted identity function. Handed straight to a
// compiled function (wg.Go(func() { ... }), time.AfterFunc) yaegi makes a
// function that reads the variables it captured when it runs, so every
// iteration of a loop would see the last iteration's values.
func (r *rewriter) funcLit(fl *ast.FuncLit, parent ast.Node) {
	switch p := parent.(type) {
	case *ast.CallExpr:
		if p.Fun == fl || r.interpreted(p.Fun) {
			return // called at once, or by interpreted code
		}
	case *ast.CompositeLit, *ast.KeyValueExpr, *ast.SendStmt:
	case *ast.AssignStmt:
		for _, lhs := range p.Lhs {
			if _, ok := lhs.(*ast.Ident); ok {
				return // a variable of the interpreter's
			}
		}
	default:
		return
	}
	r.ed.insert(r.off(fl.Pos()), wire.FuncFunc+"(")
	r.ed.insert(r.off(fl.End()), ")")
}

// interpreted reports whether a called function is the learner's own.
func (r *rewriter) interpreted(fun ast.Expr) bool {
	var id *ast.Ident
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return false
	}
	obj := r.info.Uses[id]
	if _, isBuiltin := obj.(*types.Builtin); isBuiltin {
		return true
	}
	return obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "main"
}
