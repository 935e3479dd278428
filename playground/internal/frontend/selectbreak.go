package frontend

import (
	"go/ast"
	"go/token"
)

// commClause gives a labelled break that is a statement of a
// select's case its Go meaning. yaegi takes `break L` standing directly
// in a case of a select for a break of the select alone, so a
// `for { select { case <-done: break L } }` loop never ends; the same
// statement one block further in works. So it goes in a block of its own:
// `if true { break L }`, which Go runs the same way.
func (r *rewriter) commClause(cc *ast.CommClause) {
	for _, st := range cc.Body {
		br, ok := st.(*ast.BranchStmt)
		if !ok || br.Label == nil || br.Tok != token.BREAK {
			continue
		}
		start, end := r.off(br.Pos()), r.off(br.End())
		r.ed.insert(start, "if true { ")
		r.ed.insert(end, " }")
	}
}

// checkSelectContinue finds a continue inside a case of a select, to a
// loop around the select: yaegi runs a continue standing directly in the
// case as a break of the select, and one further in, in a loop without a
// condition (for { ... }), recurses until its stack is full.
func (c *checked) checkSelectContinue(n ast.Node, report reportFunc) {
	inspectStack(n, func(n ast.Node, stack []ast.Node) bool {
		br, ok := n.(*ast.BranchStmt)
		if !ok || br.Tok != token.CONTINUE {
			return true
		}
		inCase, direct := false, false
		for i := len(stack) - 2; i >= 0; i-- {
			switch n := stack[i].(type) {
			case *ast.FuncLit:
				return true
			case *ast.CommClause:
				if !inCase {
					direct = i == len(stack)-2
				}
				inCase = true
			case *ast.ForStmt, *ast.RangeStmt:
				if br.Label != nil && !labels(stack, i, br.Label.Name) {
					continue // an inner loop: the continue goes further out
				}
				endless := false
				if fs, ok := n.(*ast.ForStmt); ok {
					endless = fs.Cond == nil
				}
				if inCase && (direct || endless) {
					report(br, "a continue inside a case of a select: the interpreter runs one that stands directly in the case as a break of the select, "+
						"and one further in, in a for loop without a condition, recurses until its stack is full", "")
				}
				return true
			}
		}
		return true
	})
}

// labels reports whether the loop at stack[i] has the label name.
func labels(stack []ast.Node, i int, name string) bool {
	if i == 0 {
		return false
	}
	l, ok := stack[i-1].(*ast.LabeledStmt)
	return ok && l.Label.Name == name
}
