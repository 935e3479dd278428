package frontend

import (
	"go/ast"
	"strconv"
)

// rewriter collects the edits that give a cell Go's semantics in yaegi.
type rewriter struct {
	*checked
	ed      *edits
	errs    ErrorList
	n       int            // for fresh names
	types   map[int]string // the types of shown values, by show index
	shows   *int           // the session's show counter
	handled map[*ast.Ident]bool
	// sites are the session's sites, to which markSites adds; loopSites
	// are the sites of the ranges over channels.
	sites     *[]Site
	loopSites map[ast.Node]int
	hoisted   map[ast.Stmt]bool // marked before their loop instead
}

func (r *rewriter) fresh() string {
	r.n++
	return strconv.Itoa(r.n)
}

func (r *rewriter) fail(n ast.Node, msg, hint string) {
	e := newError(r.src, r.off(n.Pos()), msg)
	e.Hint = hint
	r.errs = append(r.errs, e)
}

// rewrite walks every item of the cell.
func (r *rewriter) rewrite() {
	for i, n := range r.nodes {
		if n != nil {
			r.markSites(n, r.items[i].kind == stmtItem)
		}
	}
	for i, n := range r.nodes {
		if n == nil {
			continue
		}
		if st, ok := n.(*ast.ExprStmt); ok && r.items[i].kind == stmtItem {
			r.show(st.X)
		}
		r.walk(n)
	}
}

// walk applies the rules to every node under n.
func (r *rewriter) walk(n ast.Node) {
	inspectStack(n, func(n ast.Node, stack []ast.Node) bool {
		var parent ast.Node
		if len(stack) > 1 {
			parent = stack[len(stack)-2]
		}
		switch n := n.(type) {
		case *ast.RangeStmt:
			label, _ := parent.(*ast.LabeledStmt)
			r.rangeStmt(n, label)
		case *ast.ForStmt:
			r.forStmt(n)
		case *ast.CommClause:
			r.commClause(n)
		case *ast.CallExpr:
			if r.builtin(n) {
				return false
			}
		case *ast.IndexExpr:
			r.instance(n, n.X)
		case *ast.IndexListExpr:
			r.instance(n, n.X)
		case *ast.SelectorExpr:
			r.instance(n, n)
			r.timerMethod(n)
		case *ast.Ident:
			r.mainFunc(n)
		case *ast.FuncLit:
			r.funcLit(n, parent)
		case *ast.AssignStmt:
			r.multiValue(n.Rhs)
		case *ast.ValueSpec:
			r.multiValue(n.Values)
		}
		return true
	})
}
