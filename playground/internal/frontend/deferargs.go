package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
)

// checkDefers finds deferred calls whose arguments or receiver the
// interpreter would read at the wrong time. Go evaluates them when the
// defer statement runs; yaegi when the deferred call runs, at the end of
// the function: `x := 1; defer fmt.Println(x); x = 2` prints 2, a defer
// in a loop sees the last iteration's variables, and `defer
// fmt.Println(time.Since(start))` measures the whole function. A call
// whose values cannot change in between (constants, variables never
// assigned again and not made anew by a loop around the defer, function
// literals) runs the same either way, and is left alone.
func (c *checked) checkDefers(n ast.Node, report reportFunc) {
	inspectStack(n, func(n ast.Node, stack []ast.Node) bool {
		d, ok := n.(*ast.DeferStmt)
		if !ok {
			return true
		}
		fn, loops := enclosing(stack)
		s := &stability{c: c, fn: fn, loops: loops}
		if e := s.unstableCall(d.Call); e != nil {
			report(e, "defer evaluates "+c.text(e)+" when the defer statement runs; the interpreter would evaluate it "+
				"only when the deferred call runs, at the end of the function, after it may have changed",
				"In the playground, copy what the deferred call needs into a variable declared outside any loop, and assign it no more.")
		}
		return true
	})
}

// enclosing returns the innermost function (or cell) around the last
// node of stack, and the loops between it and that node.
func enclosing(stack []ast.Node) (fn ast.Node, loops []ast.Node) {
	fn = stack[0]
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return n, loops
		case *ast.ForStmt, *ast.RangeStmt:
			loops = append(loops, n)
		}
	}
	return fn, loops
}

// stability judges whether an expression's value can change between a
// defer statement and the end of its function.
type stability struct {
	c     *checked
	fn    ast.Node   // the function the defer is in
	loops []ast.Node // the loops around the defer, inside fn
}

// unstableCall returns the first part of call whose value may change.
func (s *stability) unstableCall(call *ast.CallExpr) ast.Expr {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.FuncLit:
		if id := s.capturedFromLoop(f); id != nil {
			return id
		}
	case *ast.SelectorExpr:
		if s.qualified(f) {
			break
		}
		// A method of a pointer receiver called on a variable: Go takes
		// its address at the defer, which only a new variable changes.
		if sel := s.c.info.Selections[f]; sel != nil && sel.Kind() == types.MethodVal && pointerRecv(sel) && !isPointer(s.c.info.TypeOf(f.X)) {
			// mu.Unlock(), c.mu.Unlock(): &mu, &c.mu, the same address
			// at either time unless a loop makes mu anew, or c is
			// another pointer.
			if id := root(f.X); id != nil {
				if s.inLoop(id) || (isPointer(s.c.info.TypeOf(id)) && !s.stableIdent(id)) {
					return f.X
				}
				break
			}
		}
		if !s.stable(f.X) {
			return f.X
		}
	default:
		if !s.stable(f) {
			return f
		}
	}
	for _, a := range call.Args {
		if !s.stable(a) {
			return a
		}
	}
	return nil
}

// qualified reports whether sel names a package's member (fmt.Println).
func (s *stability) qualified(sel *ast.SelectorExpr) bool {
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	_, ok = s.c.info.Uses[id].(*types.PkgName)
	return ok
}

func (s *stability) stable(e ast.Expr) bool {
	if tv, ok := s.c.info.Types[e]; ok && (tv.Value != nil || tv.IsType() || tv.IsNil()) {
		return true
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit, *ast.FuncLit:
		return true
	case *ast.Ident:
		return s.stableIdent(e)
	case *ast.SelectorExpr:
		if s.qualified(e) {
			return true
		}
		return s.stable(e.X) && !s.fieldAssigned(e.Sel.Name)
	case *ast.UnaryExpr:
		if id, ok := ast.Unparen(e.X).(*ast.Ident); ok && e.Op == token.AND {
			return !s.inLoop(id) // an address: only a new variable changes it
		}
		return e.Op != token.ARROW && s.stable(e.X)
	case *ast.BinaryExpr:
		return s.stable(e.X) && s.stable(e.Y)
	case *ast.CompositeLit:
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if !s.stable(el) {
				return false
			}
		}
		return true
	case *ast.CallExpr:
		if tv, ok := s.c.info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return s.stable(e.Args[0]) // a conversion
		}
	}
	return false
}

// stableIdent: a function, a constant, or a variable that is neither
// assigned after its declaration (nor has its address taken) in the
// function, nor declared inside a loop around the defer (the interpreter
// reuses one variable for every iteration's).
func (s *stability) stableIdent(id *ast.Ident) bool {
	v, ok := s.c.info.Uses[id].(*types.Var)
	if !ok {
		return true // a function, a constant, a type, nil
	}
	if s.inLoop(id) {
		return false
	}
	changed := false
	ast.Inspect(s.fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if s.assigns(l, v) {
					changed = true // an assignment, or a := that reuses v
				}
			}
		case *ast.IncDecStmt:
			if s.assigns(n.X, v) {
				changed = true
			}
		case *ast.RangeStmt:
			for _, x := range []ast.Expr{n.Key, n.Value} {
				if id, ok := x.(*ast.Ident); ok && x != nil && s.c.info.Uses[id] == v {
					changed = true
				}
			}
		case *ast.UnaryExpr:
			if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND && s.c.info.Uses[id] == v {
				changed = true // &x passed on may change x
			}
		case *ast.SelectorExpr:
			// x.inc() with a pointer receiver takes &x, and may change x.
			if sel := s.c.info.Selections[n]; sel != nil && sel.Kind() == types.MethodVal && pointerRecv(sel) && !isPointer(v.Type()) {
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && s.c.info.Uses[id] == v {
					changed = true
				}
			}
		}
		return !changed
	})
	return !changed
}

// assigns reports whether assigning to lhs changes v: v itself, or a
// field or element of it, unless v is a pointer (then what it points to
// changes, and v does not).
func (s *stability) assigns(lhs ast.Expr, v *types.Var) bool {
	if id, ok := ast.Unparen(lhs).(*ast.Ident); ok {
		return s.c.info.Uses[id] == v
	}
	id := root(lhs)
	return id != nil && s.c.info.Uses[id] == v && !isPointer(v.Type())
}

// inLoop reports whether id's variable is declared inside a loop around
// the defer: a new variable each iteration in Go, one reused in yaegi.
func (s *stability) inLoop(id *ast.Ident) bool {
	v, ok := s.c.info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	for _, l := range s.loops {
		if v.Pos() >= l.Pos() && v.Pos() < l.End() {
			return true
		}
	}
	return false
}

// capturedFromLoop returns an identifier in the deferred function literal
// fl of a variable declared inside a loop around the defer: Go gives each
// iteration's closure its own, yaegi one for them all.
func (s *stability) capturedFromLoop(fl *ast.FuncLit) *ast.Ident {
	var found *ast.Ident
	ast.Inspect(fl.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found != nil {
			return found == nil
		}
		if v, ok := s.c.info.Uses[id].(*types.Var); ok && !(v.Pos() >= fl.Pos() && v.Pos() < fl.End()) && s.inLoop(id) {
			found = id
		}
		return true
	})
	return found
}

// pointerRecv reports whether the selected method has a pointer receiver.
func pointerRecv(sel *types.Selection) bool {
	sig, ok := sel.Obj().Type().(*types.Signature)
	if !ok || sig.Recv() == nil {
		return false
	}
	_, ptr := sig.Recv().Type().(*types.Pointer)
	return ptr
}

// fieldAssigned reports whether the function assigns a field of that name.
func (s *stability) fieldAssigned(name string) bool {
	found := false
	ast.Inspect(s.fn, func(n ast.Node) bool {
		var lhs []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			lhs = n.Lhs
		case *ast.IncDecStmt:
			lhs = []ast.Expr{n.X}
		}
		for _, l := range lhs {
			if sel, ok := ast.Unparen(l).(*ast.SelectorExpr); ok && sel.Sel.Name == name {
				found = true
			}
		}
		return !found
	})
	return found
}

func isPointer(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}
