package export

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

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
