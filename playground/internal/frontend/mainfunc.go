package frontend

import (
	"go/ast"
	"go/types"
)

// MainFunc is what the learner's func main is called in the interpreter,
// which runs a function named main after everything it compiles.
const MainFunc = "__main"

// mainFunc renames the package's func main, where it is declared and used.
func (r *rewriter) mainFunc(id *ast.Ident) {
	if id.Name != "main" {
		return
	}
	obj := r.info.Defs[id]
	if obj == nil {
		obj = r.info.Uses[id]
	}
	fn, ok := obj.(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != "main" || fn.Parent() != fn.Pkg().Scope() {
		return
	}
	r.ed.replace(r.off(id.Pos()), r.off(id.End()), MainFunc)
}
