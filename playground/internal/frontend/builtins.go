package frontend

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/mangle"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// builtin replaces min, max and clear, which yaegi lacks, and print and
// println, which it writes to standard output, not standard error. It reports
// whether it replaced the whole call.
func (r *rewriter) builtin(call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := r.info.Uses[id].(*types.Builtin)
	if !ok {
		return false
	}
	tv := r.info.Types[call]
	switch b.Name() {
	case "min", "max":
		if tv.Value != nil {
			r.ed.replace(r.off(call.Pos()), r.off(call.End()), constText(tv))
			return true
		}
		fn := wire.MinFunc
		if b.Name() == "max" {
			fn = wire.MaxFunc
		}
		if basic, ok := tv.Type.(*types.Basic); ok && basic.Info()&types.IsUntyped == 0 {
			fn += "[" + basic.Name() + "]" // untyped constant arguments need it
		}
		r.ed.replace(r.off(id.Pos()), r.off(id.End()), fn)
	case "clear":
		r.ed.replace(r.off(id.Pos()), r.off(id.End()), wire.HelperAlias+"."+wire.ClearFunc)
	case "print":
		r.ed.replace(r.off(id.Pos()), r.off(id.End()), wire.HelperAlias+"."+wire.PrintFunc)
	case "println":
		r.ed.replace(r.off(id.Pos()), r.off(id.End()), wire.HelperAlias+"."+wire.PrintlnFunc)
	}
	return false
}

// constText writes a constant expression's value as Go source.
func constText(tv types.TypeAndValue) string {
	v := tv.Value
	text := v.ExactString()
	if v.Kind() == constant.Float {
		f, _ := constant.Float64Val(v)
		text = strconv.FormatFloat(f, 'g', -1, 64)
		if !strings.ContainsAny(text, ".e") {
			text += ".0"
		}
	}
	if b, ok := tv.Type.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		return text
	}
	return types.TypeString(tv.Type, mangle.Qualifier) + "(" + text + ")"
}
