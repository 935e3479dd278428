package frontend

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/mangle"
	"github.com/gophertutor/concurrency/playground/internal/symbols"
)

// instance rewrites a use of a generic function or type of the course's
// packages — compiled code, which the interpreter cannot instantiate — to
// the instantiation compiled in for its type arguments. whole is the
// expression to replace: pkg.F or pkg.F[T].
func (r *rewriter) instance(whole ast.Node, x ast.Expr) {
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	if !ok || r.handled[sel.Sel] {
		return
	}
	inst, ok := r.info.Instances[sel.Sel]
	if !ok {
		return
	}
	obj := r.info.Uses[sel.Sel]
	if obj == nil || obj.Pkg() == nil {
		return
	}
	pkg, generated := symbols.Packages[obj.Pkg().Path()]
	if !generated {
		return // a generic of the standard library: the interpreter has its source
	}
	r.handled[sel.Sel] = true
	var args []types.Type
	for t := range inst.TypeArgs.Types() {
		args = append(args, t)
	}
	name := mangle.Name(obj.Name(), args)
	written := pkg.Name + "." + obj.Name() + "[" + typeList(args) + "]"
	if _, syms, ok := symbols.Lookup(pkg.Path); !ok || !syms[name].IsValid() {
		r.fail(x, written+" is not compiled into the playground",
			"The interpreter cannot instantiate the course's compiled generic functions and types for the types you\n"+
				"declare; the playground compiles them in for a few types only (those of the registered functions).\n"+
				RunCompiledHint)
		return
	}
	r.ed.replace(r.off(whole.Pos()), r.off(whole.End()), r.text(sel.X)+"."+name)
}

func typeList(args []types.Type) string {
	s := make([]string, len(args))
	for i, a := range args {
		s[i] = types.TypeString(a, mangle.Qualifier)
	}
	return strings.Join(s, ", ")
}
