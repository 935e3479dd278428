package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// forStmt gives a three-clause loop per-iteration variables (Go 1.22).
func (r *rewriter) forStmt(fs *ast.ForStmt) {
	init, ok := fs.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE {
		return
	}
	var vars []*ast.Ident
	for _, x := range init.Lhs {
		vars = append(vars, idents(x)...)
	}
	objs := r.objects(vars)
	if len(objs) == 0 || !r.escapes(fs.Body, objs) {
		return // the body cannot tell per-iteration variables from one variable
	}
	for _, v := range vars {
		if r.assigned(fs.Body, r.info.Defs[v]) {
			r.fail(v, "this loop changes "+v.Name+" in its body and a function literal captures it: "+
				"the playground cannot give it Go 1.22's per-iteration variable",
				"Copy it at the top of the body (\""+v.Name+" := "+v.Name+"\") and change the copy, or count with another variable.")
			return
		}
	}
	r.perIteration(fs.Body, vars)
}

// perIteration makes vars new variables in each iteration of body, by
// copying them at its top, if the body can tell: a function literal in it
// uses one, or it takes one's address.
func (r *rewriter) perIteration(body *ast.BlockStmt, vars []*ast.Ident) {
	objs := r.objects(vars)
	if len(objs) == 0 || !r.escapes(body, objs) {
		return
	}
	shadowed := topLevelNames(body)
	var names []string
	for _, v := range vars {
		if !shadowed[v.Name] {
			names = append(names, v.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	list := strings.Join(names, ", ")
	r.ed.insert(r.off(body.Lbrace)+1, " "+list+" := "+list+";")
}

func (r *rewriter) objects(ids []*ast.Ident) map[types.Object]bool {
	objs := map[types.Object]bool{}
	for _, id := range ids {
		if o := r.info.Defs[id]; o != nil {
			objs[o] = true
		}
	}
	return objs
}

// topLevelNames are the names the top of a block declares.
func topLevelNames(b *ast.BlockStmt) map[string]bool {
	names := map[string]bool{}
	for _, st := range b.List {
		switch s := st.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, x := range s.Lhs {
					if id, ok := x.(*ast.Ident); ok {
						names[id.Name] = true
					}
				}
			}
		case *ast.DeclStmt:
			if g, ok := s.Decl.(*ast.GenDecl); ok {
				for _, spec := range g.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, id := range vs.Names {
							names[id.Name] = true
						}
					}
				}
			}
		}
	}
	return names
}

// root is the variable an expression like v, v.f, v[i] or (v) is part of.
func root(x ast.Expr) *ast.Ident {
	for {
		switch e := x.(type) {
		case *ast.Ident:
			return e
		case *ast.ParenExpr:
			x = e.X
		case *ast.SelectorExpr:
			x = e.X
		case *ast.IndexExpr:
			x = e.X
		default:
			return nil
		}
	}
}

// escapes reports whether body can keep one of objs beyond an iteration:
// a function literal uses it, or its address is taken (& or a method with
// a pointer receiver, or slicing an array).
func (r *rewriter) escapes(body ast.Node, objs map[types.Object]bool) bool {
	found := false
	uses := func(x ast.Expr) bool {
		id := root(x)
		return id != nil && objs[r.info.Uses[id]]
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if id, ok := m.(*ast.Ident); ok && objs[r.info.Uses[id]] {
					found = true
				}
				return !found
			})
		case *ast.UnaryExpr:
			found = found || n.Op == token.AND && uses(n.X)
		case *ast.SliceExpr:
			if t := r.info.TypeOf(n.X); t != nil {
				_, isArray := t.Underlying().(*types.Array)
				found = found || isArray && uses(n.X)
			}
		case *ast.SelectorExpr:
			if sel, ok := r.info.Selections[n]; ok && sel.Kind() == types.MethodVal && uses(n.X) {
				if sig, ok := sel.Obj().Type().(*types.Signature); ok && sig.Recv() != nil {
					_, ptrRecv := sig.Recv().Type().(*types.Pointer)
					_, ptrVal := sel.Recv().Underlying().(*types.Pointer)
					found = found || ptrRecv && !ptrVal
				}
			}
		}
		return !found
	})
	return found
}

// assigned reports whether body assigns to obj.
func (r *rewriter) assigned(body ast.Node, obj types.Object) bool {
	found := false
	is := func(x ast.Expr) bool {
		id, ok := ast.Unparen(x).(*ast.Ident)
		return ok && r.info.Uses[id] == obj
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, x := range n.Lhs {
					found = found || is(x)
				}
			}
		case *ast.IncDecStmt:
			found = found || is(n.X)
		}
		return !found
	})
	return found
}
