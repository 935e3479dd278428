package frontend

import "go/ast"

// multiValue works around a yaegi bug: in "p, err := Point{1, 2},
// errors.New(…)" (or the var form) a composite literal among several values
// makes the interpreter drop the other values, so err is nil. A composite
// literal in parentheses is not affected.
func (r *rewriter) multiValue(values []ast.Expr) {
	if len(values) < 2 {
		return
	}
	for _, v := range values {
		if lit, ok := v.(*ast.CompositeLit); ok {
			r.ed.insert(r.off(lit.Pos()), "(")
			r.ed.insert(r.off(lit.End()), ")")
		}
	}
}
