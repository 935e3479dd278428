package frontend

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// markSites precedes every statement of n that may block with a call of
// the worker's site helper, __pg.At(k), where k numbers the statement in
// the session (see Site). A range over a channel blocks again at each
// iteration, after its body ran statements that may mark other sites: its
// mark is made again at the end of the body and before each continue.
//
// A mark is a call of compiled code, which costs the interpreter some
// 300 ns, as much as a channel operation: a loop whose body has a single
// site, and calls none of the learner's functions, is marked once before
// the loop instead of at each iteration (nothing else can mark in between).
func (r *rewriter) markSites(n ast.Node, top bool) {
	if st, ok := n.(ast.Stmt); ok && top {
		r.markList([]ast.Stmt{st})
	}
	inspectStack(n, func(n ast.Node, stack []ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			r.markList(n.List)
		case *ast.CaseClause:
			r.markList(n.Body)
		case *ast.CommClause:
			r.markList(n.Body)
		case *ast.RangeStmt:
			if k, ok := r.loopSites[n]; ok { // not for a quiet body: see markList
				r.ed.insert(r.off(n.Body.Rbrace), fmt.Sprintf("; %s; ", r.siteCall(k)))
			}
		case *ast.BranchStmt:
			if n.Tok != token.CONTINUE {
				break
			}
			if k, ok := r.loopSites[continued(stack, n)]; ok {
				r.ed.insert(r.off(n.Pos()), r.siteCall(k)+"; ")
			}
		}
		return true
	})
}

// markList marks the statements of a list that may block.
func (r *rewriter) markList(list []ast.Stmt) {
	for _, st := range list {
		if r.hoisted[st] {
			continue
		}
		kind, at := r.blocks(st)
		mark := st
		if kind == 0 {
			inner := r.hoistable(st)
			if inner == nil {
				continue
			}
			r.hoisted[inner] = true
			kind, at = r.blocks(inner)
		}
		line, col := r.src.Position(r.off(at.Pos()))
		site := Site{Src: r.src, Line: line, Col: col, Kind: kind, Op: r.chanOp(at)}
		if endLine, endCol := r.src.Position(r.off(headEnd(at))); endLine == line {
			site.EndCol = endCol
		}
		*r.sites = append(*r.sites, site)
		k := len(*r.sites)
		if rs, ok := at.(*ast.RangeStmt); ok && kind == SiteChan && r.isChan(rs.X) {
			if _, quiet := r.soleSite(rs.Body); !quiet {
				r.loopSites[rs] = k
			}
		}
		r.ed.insert(r.off(mark.Pos()), r.siteCall(k)+"; ")
	}
}

// hoistable returns the one statement that may block in a loop that does
// not block itself, if its mark can be made before the loop: nothing else
// in the loop marks a site.
func (r *rewriter) hoistable(st ast.Stmt) ast.Stmt {
	for {
		l, ok := st.(*ast.LabeledStmt)
		if !ok {
			break
		}
		st = l.Stmt
	}
	var body *ast.BlockStmt
	switch s := st.(type) {
	case *ast.ForStmt:
		if s.Post != nil && r.blockingIn(s.Post) != 0 {
			return nil
		}
		body = s.Body
	case *ast.RangeStmt:
		body = s.Body
	default:
		return nil
	}
	sole, quiet := r.soleSite(body)
	if quiet || sole == nil {
		return nil
	}
	if rs, ok := sole.(*ast.RangeStmt); ok && r.isChan(rs.X) {
		if _, q := r.soleSite(rs.Body); !q {
			return nil // it marks again after its body
		}
	}
	return sole
}

// soleSite looks at the statements in body, outside function literals: it
// returns the statement that may block if there is exactly one, and
// reports whether none does; a call of one of the learner's functions
// counts as many.
func (r *rewriter) soleSite(body *ast.BlockStmt) (sole ast.Stmt, quiet bool) {
	n := 0
	ast.Inspect(body, func(node ast.Node) bool {
		switch x := node.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if r.learnersCall(x) {
				n += 2
			}
		case ast.Stmt:
			if _, isBlock := x.(*ast.BlockStmt); isBlock || r.hoisted[x] {
				break
			}
			if _, isLabel := x.(*ast.LabeledStmt); isLabel {
				break
			}
			if kind, _ := r.blocks(x); kind != 0 {
				n++
				sole = x
			}
		}
		return n < 2
	})
	if n != 1 {
		sole = nil
	}
	return sole, n == 0
}

// learnersCall reports whether a call runs a function of the learner's
// (which may mark sites), not a builtin, a conversion or compiled code.
func (r *rewriter) learnersCall(call *ast.CallExpr) bool {
	if tv, ok := r.info.Types[call.Fun]; ok && tv.IsType() {
		return false
	}
	if _, isLit := ast.Unparen(call.Fun).(*ast.FuncLit); isLit {
		return true
	}
	id := calleeIdent(call)
	if id == nil {
		return true // a function value: it may be anything
	}
	switch obj := r.info.Uses[id].(type) {
	case *types.Builtin:
		return false
	case nil:
		return true
	default:
		return obj.Pkg() == nil || obj.Pkg().Path() == "main"
	}
}

// headEnd returns where the code to show of a site ends: after the
// opening brace of a compound statement, at the end of another.
func headEnd(st ast.Stmt) token.Pos {
	switch s := st.(type) {
	case *ast.RangeStmt:
		return s.Body.Lbrace + 1
	case *ast.ForStmt:
		return s.Body.Lbrace + 1
	case *ast.IfStmt:
		return s.Body.Lbrace + 1
	case *ast.SwitchStmt:
		return s.Body.Lbrace + 1
	case *ast.TypeSwitchStmt:
		return s.Body.Lbrace + 1
	case *ast.SelectStmt:
		return s.Body.Lbrace + 1
	}
	return st.End()
}

// chanOp returns the channel operation a statement blocks in, as the
// runtime names its state: "chan send", "chan receive", "select", or "".
func (r *rewriter) chanOp(st ast.Stmt) string {
	switch s := st.(type) {
	case *ast.SendStmt:
		return "chan send"
	case *ast.SelectStmt:
		return "select"
	case *ast.RangeStmt:
		if r.isChan(s.X) {
			return "chan receive"
		}
	}
	op := ""
	ast.Inspect(st, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit, *ast.BlockStmt:
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && op == "" {
				op = "chan receive"
			}
		}
		return op == ""
	})
	return op
}

func (r *rewriter) siteCall(k int) string {
	return fmt.Sprintf("%s.%s(%d)", wire.HelperAlias, wire.SiteFunc, k)
}

// continued returns the loop a continue statement, the last node of stack,
// goes on with, or nil.
func continued(stack []ast.Node, br *ast.BranchStmt) ast.Node {
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return nil
		case *ast.ForStmt, *ast.RangeStmt:
			if br.Label == nil {
				return n
			}
		case *ast.LabeledStmt:
			if br.Label != nil && n.Label.Name == br.Label.Name {
				return n.Stmt
			}
		}
	}
	return nil
}

// blocks reports whether the statement itself (not the statements it
// contains, nor the function literals in it) may block, on what, and the
// statement to show as the site.
func (r *rewriter) blocks(st ast.Stmt) (SiteKind, ast.Stmt) {
	var kind SiteKind
	switch s := st.(type) {
	case *ast.LabeledStmt:
		return r.blocks(s.Stmt)
	case *ast.SendStmt, *ast.SelectStmt:
		return SiteChan, st
	case *ast.RangeStmt:
		if r.isChan(s.X) {
			return SiteChan, st
		}
		kind = r.blockingIn(s.X)
	case *ast.IfStmt:
		kind = r.blockingIn(s.Init, s.Cond)
	case *ast.ForStmt:
		kind = r.blockingIn(s.Init, s.Cond)
	case *ast.SwitchStmt:
		kind = r.blockingIn(s.Init, s.Tag)
	case *ast.TypeSwitchStmt:
		kind = r.blockingIn(s.Init, s.Assign)
	case *ast.GoStmt:
		kind = r.blockingIn(exprNodes(s.Call.Args)...)
	case *ast.DeferStmt:
		kind = r.blockingIn(exprNodes(s.Call.Args)...)
	case *ast.BlockStmt:
	default:
		kind = r.blockingIn(st)
	}
	return kind, st
}

func exprNodes(xs []ast.Expr) []ast.Node {
	out := make([]ast.Node, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// blockingIn returns the kind of the first operation in the nodes that may
// block, outside function literals and nested statements, or 0.
func (r *rewriter) blockingIn(nodes ...ast.Node) SiteKind {
	var kind SiteKind
	for _, n := range nodes {
		if n == nil || kind != 0 {
			continue
		}
		ast.Inspect(n, func(n ast.Node) bool {
			if kind != 0 {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncLit, *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
				return false
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					kind = SiteChan
				}
			case *ast.CallExpr:
				kind = r.blockingCall(n)
			}
			return kind == 0
		})
	}
	return kind
}

// blockingCall returns the kind of a call that may block: sync's Lock,
// RLock and Wait methods, time.Sleep.
func (r *rewriter) blockingCall(call *ast.CallExpr) SiteKind {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return 0
	}
	fn, ok := r.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil {
		return 0
	}
	switch path, name := fn.Pkg().Path(), fn.Name(); {
	case path == "sync" && (name == "Lock" || name == "RLock" || name == "Wait"):
		return SiteSync
	case path == "time" && name == "Sleep":
		return SiteSleep
	}
	return 0
}

// isChan reports whether x is a channel.
func (r *rewriter) isChan(x ast.Expr) bool {
	tv, ok := r.info.Types[x]
	if !ok || tv.Type == nil {
		return false
	}
	_, ok = tv.Type.Underlying().(*types.Chan)
	return ok
}
