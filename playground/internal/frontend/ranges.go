package frontend

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/mangle"
)

// simple reports whether evaluating x twice is the same as once: no calls
// but len, cap and conversions, no receives.
func (r *rewriter) simple(x ast.Expr) bool {
	ok := true
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, found := r.info.Types[n.Fun]; found && tv.IsType() {
				return true
			}
			if id, isID := ast.Unparen(n.Fun).(*ast.Ident); isID && (id.Name == "len" || id.Name == "cap") {
				if _, isBuiltin := r.info.Uses[id].(*types.Builtin); isBuiltin {
					return true
				}
			}
			ok = false
		case *ast.UnaryExpr:
			ok = ok && n.Op != token.ARROW
		case *ast.FuncLit, *ast.CompositeLit:
			ok = false
		}
		return ok
	})
	return ok
}

// rangeStmt gives a range loop Go's semantics.
func (r *rewriter) rangeStmt(rs *ast.RangeStmt, label *ast.LabeledStmt) {
	t := r.info.TypeOf(rs.X)
	if t == nil {
		return // unknown: leave it to the interpreter
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsInteger != 0 {
			r.rangeInt(rs, label)
		}
		return
	case *types.Signature:
		r.fail(rs.X, "range over a function (an iterator, Go 1.23) is not supported by the playground's interpreter",
			"Call the function with the loop body as its yield function instead, returning true to go on:\n"+
				"    "+r.text(rs.X)+"(func("+yieldParams(u)+") bool { ...; return true })")
		return
	}
	var keep []*ast.Ident // the loop's own variables after the rewrite
	if rs.Tok == token.DEFINE {
		keep = idents(rs.Key)
	}
	if rs.Value != nil && elemIsChan(t) {
		r.rangeChans(rs, label)
	} else if rs.Tok == token.DEFINE {
		keep = append(keep, idents(rs.Value)...)
	}
	r.perIteration(rs.Body, keep)
}

// yieldParams writes the parameters of an iterator's yield function.
func yieldParams(sig *types.Signature) string {
	if sig.Params().Len() != 1 {
		return "..."
	}
	yield, ok := sig.Params().At(0).Type().Underlying().(*types.Signature)
	if !ok {
		return "..."
	}
	var ps []string
	names := []string{"k", "v"}
	if yield.Params().Len() == 1 {
		names = []string{"v"}
	}
	for i := range yield.Params().Len() {
		ps = append(ps, names[min(i, 1)]+" "+types.TypeString(yield.Params().At(i).Type(), mangle.Qualifier))
	}
	return strings.Join(ps, ", ")
}

// idents returns x if it is a named identifier (not _).
func idents(x ast.Expr) []*ast.Ident {
	if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
		return []*ast.Ident{id}
	}
	return nil
}

// elemIsChan reports whether t is a slice, array, pointer to array or map
// of channels.
func elemIsChan(t types.Type) bool {
	u := t.Underlying()
	if p, ok := u.(*types.Pointer); ok {
		u = p.Elem().Underlying()
	}
	var elem types.Type
	switch c := u.(type) {
	case *types.Slice:
		elem = c.Elem()
	case *types.Array:
		elem = c.Elem()
	case *types.Map:
		elem = c.Elem()
	default:
		return false
	}
	_, ok := elem.Underlying().(*types.Chan)
	return ok
}

// rangeInt rewrites `for i := range n` (Go 1.22), which yaegi cannot run,
// as a counting loop over a hidden counter: i is a new variable in each
// iteration, as in Go.
func (r *rewriter) rangeInt(rs *ast.RangeStmt, label *ast.LabeledStmt) {
	k := r.fresh()
	i, n := "__i"+k, "__n"+k
	bind := ""
	if key := idents(rs.Key); len(key) > 0 {
		op := " = "
		if rs.Tok == token.DEFINE {
			op = " := "
		}
		bind = " " + key[0].Name + op + i + ";"
	}
	from := rs.Range
	if rs.Key != nil {
		from = rs.Key.Pos()
	}
	if r.simple(rs.X) {
		x := r.text(rs.X)
		r.ed.replace(r.off(from), r.off(rs.X.Pos()), fmt.Sprintf("%s, %s := (%s) - (%s), ", i, n, x, x))
		r.ed.insert(r.off(rs.X.End()), fmt.Sprintf("; %s < %s; %s++", i, n, i))
	} else {
		// Evaluate n once, in a block around the loop (and its label).
		start, labelText := rs.For, ""
		if label != nil {
			start, labelText = label.Pos(), r.src.Text[r.off(label.Pos()):r.off(label.Colon)+1]+" "
		}
		xs, xe := r.off(rs.X.Pos()), r.off(rs.X.End())
		r.ed.replaceFunc(r.off(start), xe, func(render func(int, int) string) string {
			return fmt.Sprintf("{ %s := %s; %sfor %s := %s - %s; %s < %s; %s++", n, render(xs, xe), labelText, i, n, n, i, n, i)
		})
		r.ed.insert(r.off(rs.Body.End()), " }")
	}
	if bind != "" {
		r.ed.insert(r.off(rs.Body.Lbrace)+1, bind)
	}
}

// rangeChans rewrites `for k, c := range chans`, on which yaegi fails when
// the elements are channels, to range over the keys and index.
func (r *rewriter) rangeChans(rs *ast.RangeStmt, label *ast.LabeledStmt) bool {
	n := r.fresh()
	key, head := "__k"+n, " :="
	if ids := idents(rs.Key); len(ids) > 0 {
		key = ids[0].Name
		if rs.Tok == token.ASSIGN {
			head = " ="
		}
	}
	op := " = "
	if rs.Tok == token.DEFINE {
		op = " := "
	}
	x := r.text(rs.X)
	if !r.simple(rs.X) {
		// Evaluate the expression once, in a block around the loop.
		x = "__x" + n
		start, labelText := rs.For, ""
		if label != nil {
			start, labelText = label.Pos(), r.src.Text[r.off(label.Pos()):r.off(label.Colon)+1]+" "
		}
		xs, xe := r.off(rs.X.Pos()), r.off(rs.X.End())
		keyText := key + head
		r.ed.replaceFunc(r.off(start), xe, func(render func(int, int) string) string {
			return fmt.Sprintf("{ %s := %s; %sfor %s range %s", x, render(xs, xe), labelText, keyText, x)
		})
		r.ed.insert(r.off(rs.Body.End()), " }")
	} else {
		// "k, c :=" becomes "k :=".
		r.ed.replace(r.off(rs.Key.Pos()), r.off(rs.TokPos)+len(rs.Tok.String()), key+head)
	}
	// The body starts with "c := chans[k];".
	r.ed.insert(r.off(rs.Body.Lbrace)+1, " "+r.text(rs.Value)+op+x+"["+key+"];")
	return true
}
