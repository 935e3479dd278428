package frontend

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// printFuncs are the functions whose results are not shown: they print,
// and return how much they wrote.
var printFuncs = map[string]bool{
	"fmt.Print": true, "fmt.Println": true, "fmt.Printf": true,
	"fmt.Fprint": true, "fmt.Fprintln": true, "fmt.Fprintf": true,
}

// show wraps an expression statement of the cell so that the worker
// prints its value with its type: __pg.Show(k)(x).
func (r *rewriter) show(x ast.Expr) {
	tv, known := r.info.Types[x]
	inner := ast.Unparen(x)
	switch e := inner.(type) {
	case *ast.CallExpr:
		if !known || tv.IsVoid() || tv.IsType() || r.printCall(e) {
			return
		}
	case *ast.UnaryExpr:
		if e.Op == token.ARROW && known && isEmptyStruct(tv.Type) {
			return // <-done: a signal, not a value
		}
	}
	if known && tv.IsType() {
		return
	}
	typ := ""
	if known && tv.Type != nil {
		typ = typeName(tv.Type)
	}
	k := *r.shows
	*r.shows++
	r.types[k] = typ
	r.ed.insert(r.off(x.Pos()), fmt.Sprintf("%s.%s(%d)(", wire.HelperAlias, wire.ShowFunc, k))
	r.ed.insert(r.off(x.End()), ")")
}

// typeName writes a shown value's type: the default type of a constant,
// a tuple in parentheses.
func typeName(t types.Type) string {
	t = types.Default(t)
	if tup, ok := t.(*types.Tuple); ok {
		parts := make([]string, tup.Len())
		for i := range tup.Len() {
			parts[i] = typeName(tup.At(i).Type())
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return types.TypeString(t, func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		return p.Name()
	})
}

func isEmptyStruct(t types.Type) bool {
	s, ok := t.Underlying().(*types.Struct)
	return ok && s.NumFields() == 0
}

// printCall reports whether a call is to a print function, or to a Write
// method, whose results are noise.
func (r *rewriter) printCall(call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if fn, ok := r.info.Uses[sel.Sel].(*types.Func); ok && fn.Pkg() != nil {
		if printFuncs[fn.Pkg().Path()+"."+fn.Name()] {
			return true
		}
		if _, isMethod := r.info.Selections[sel]; isMethod && strings.HasPrefix(fn.Name(), "Write") {
			return true
		}
	}
	return false
}
