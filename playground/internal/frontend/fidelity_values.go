package frontend

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"unicode/utf8"
)

// checkValues finds what yaegi gets wrong about methods and interface
// values, each measured against compiled Go (playground/testdata/corpus):
// a method expression (T.M) fails to call; a method value of a value
// receiver (f := v.M) does not copy v; a method reached through an
// embedded interface field fails; a type assertion to an interface with
// methods accepts a value whose pointer alone has them; a nil pointer held
// in an interface compares equal to nil; range over a string that is not
// UTF-8 steps wrongly; encoding/json and templates do not see the methods
// of the program's types; and, in a whole program, runtime.NumGoroutine
// counts the playground's goroutines too.
func (c *checked) checkValues(n ast.Node, report reportFunc) {
	inspectStack(n, func(n ast.Node, stack []ast.Node) bool {
		var parent ast.Node
		if len(stack) > 1 {
			parent = stack[len(stack)-2]
		}
		switch n := n.(type) {
		case *ast.SelectorExpr:
			c.checkMethodSelector(n, parent, report)
		case *ast.TypeAssertExpr:
			if n.Type != nil {
				c.checkAssertTo(n.Type, report)
			}
		case *ast.TypeSwitchStmt:
			for _, st := range n.Body.List {
				if cc, ok := st.(*ast.CaseClause); ok {
					for _, e := range cc.List {
						c.checkAssertTo(e, report)
					}
				}
			}
		case *ast.ReturnStmt:
			if fn := enclosingSig(c, stack); fn != nil && fn.Results().Len() == len(n.Results) {
				for i, r := range n.Results {
					c.checkNilPointer(r, fn.Results().At(i).Type(), report)
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) && n.Tok == token.ASSIGN {
				for i, r := range n.Rhs {
					c.checkNilPointer(r, c.info.TypeOf(n.Lhs[i]), report)
				}
			}
		case *ast.ValueSpec:
			if n.Type != nil && len(n.Values) == len(n.Names) {
				for _, r := range n.Values {
					c.checkNilPointer(r, c.info.TypeOf(n.Type), report)
				}
			}
		case *ast.RangeStmt:
			if c.notUTF8(n.X) {
				report(n.X, "range over a string that is not UTF-8: the interpreter steps over a bad byte by 3, where Go steps by 1",
					"")
			}
		case *ast.CallExpr:
			c.checkReflective(n, report)
		}
		return true
	})
}

func (c *checked) checkMethodSelector(sel *ast.SelectorExpr, parent ast.Node, report reportFunc) {
	if c.src.File && c.isFunc(sel, "runtime", "NumGoroutine") {
		report(sel, "runtime.NumGoroutine in the interpreter counts the playground's own goroutines too", "")
		return
	}
	s := c.info.Selections[sel]
	if s == nil {
		return
	}
	switch s.Kind() {
	case types.MethodExpr:
		report(sel, "a method expression ("+c.text(sel)+"): the interpreter fails to call it (\"reflect: Call with too many input arguments\")",
			"Call the method on a value instead: v."+sel.Sel.Name+"(...).")
		return
	case types.MethodVal:
		if call, ok := parent.(*ast.CallExpr); !ok || call.Fun != sel {
			if !pointerRecv(s) && !isPointer(c.info.TypeOf(sel.X)) {
				report(sel, "a method value of a value receiver ("+c.text(sel)+") copies "+c.text(sel.X)+" now in Go; the interpreter reads it when the method runs",
					"Wrap it: f := func() { v.M() } shows what runs; or copy the value first.")
				return
			}
		}
	}
	// A method promoted from an embedded interface field.
	if s.Kind() == types.MethodVal && len(s.Index()) > 1 {
		t := s.Recv()
		for _, i := range s.Index()[:len(s.Index())-1] {
			st, ok := derefStruct(t)
			if !ok {
				return
			}
			t = st.Field(i).Type()
			if types.IsInterface(t) {
				report(sel, "the method "+sel.Sel.Name+" comes from an embedded interface field: the interpreter fails to call it (\"invalid interface value\")",
					"Call it through the field: v."+types.TypeString(t, nil)+"."+sel.Sel.Name+", or name the field.")
				return
			}
		}
	}
}

func derefStruct(t types.Type) (*types.Struct, bool) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// checkAssertTo: yaegi's assertion to an interface with methods also
// accepts a value whose type has them only on its pointer.
func (c *checked) checkAssertTo(e ast.Expr, report reportFunc) {
	t := c.info.TypeOf(e)
	if t == nil || !types.IsInterface(t) {
		return
	}
	iface, ok := t.Underlying().(*types.Interface)
	if !ok || iface.NumMethods() == 0 || !c.hasPointerMethods() {
		return
	}
	report(e, "a type assertion to "+c.text(e)+", an interface with methods: the interpreter accepts a value whose type has them only with a pointer receiver, which Go does not",
		"")
}

// hasPointerMethods reports whether the program declares a method with a
// pointer receiver.
func (c *checked) hasPointerMethods() bool {
	for _, obj := range c.info.Defs {
		if f, ok := obj.(*types.Func); ok && f.Pkg() == c.pkg {
			if sig, ok := f.Type().(*types.Signature); ok && sig.Recv() != nil && isPointer(sig.Recv().Type()) {
				return true
			}
		}
	}
	return false
}

// checkNilPointer: a pointer variable stored in an interface. A nil one
// makes an interface that is not nil in Go; yaegi's compares equal to
// nil.
func (c *checked) checkNilPointer(e ast.Expr, to types.Type, report reportFunc) {
	if to == nil || !types.IsInterface(to) {
		return
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return
	}
	if _, ok := c.info.Uses[id].(*types.Var); !ok || !isPointer(c.info.TypeOf(id)) {
		return
	}
	report(e, "the pointer "+id.Name+" stored in an interface: when it is nil, Go's interface is not nil (it holds a nil "+
		types.TypeString(c.info.TypeOf(id), func(*types.Package) string { return "" })+"), but the interpreter's compares equal to nil",
		"")
}

// enclosingSig returns the signature of the function around the last node.
func enclosingSig(c *checked, stack []ast.Node) *types.Signature {
	for i := len(stack) - 2; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			sig, _ := c.info.TypeOf(n).(*types.Signature)
			return sig
		case *ast.FuncDecl:
			if f, ok := c.info.Defs[n.Name].(*types.Func); ok {
				sig, _ := f.Type().(*types.Signature)
				return sig
			}
			return nil
		}
	}
	return nil
}

// reflective are the functions that look at a value's methods through
// reflection, which the interpreter's values of the program's types lack.
var reflective = map[string]bool{
	"encoding/json.Marshal": true, "encoding/json.MarshalIndent": true, "encoding/json.Unmarshal": true,
	"encoding/json.Encoder.Encode": true, "encoding/json.Decoder.Decode": true,
	"text/template.Template.Execute": true, "text/template.Template.ExecuteTemplate": true,
	"html/template.Template.Execute": true, "html/template.Template.ExecuteTemplate": true,
}

func (c *checked) checkReflective(call *ast.CallExpr, report reportFunc) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	f, ok := c.info.Uses[sel.Sel].(*types.Func)
	if !ok || f.Pkg() == nil {
		return
	}
	name := f.Pkg().Path() + "." + f.Name()
	if sig, ok := f.Type().(*types.Signature); ok && sig.Recv() != nil {
		t := sig.Recv().Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := t.(*types.Named); ok {
			name = f.Pkg().Path() + "." + n.Obj().Name() + "." + f.Name()
		}
	}
	if !reflective[name] || !c.declaresMethods() {
		return
	}
	report(call, name[len(f.Pkg().Path())+1:]+" would not see the methods of the program's types in the interpreter "+
		"(a MarshalJSON, a method a template calls): its copies of the values have none", "")
}

// declaresMethods reports whether the program declares a method.
func (c *checked) declaresMethods() bool {
	for _, obj := range c.info.Defs {
		if f, ok := obj.(*types.Func); ok && f.Pkg() == c.pkg {
			if sig, ok := f.Type().(*types.Signature); ok && sig.Recv() != nil {
				return true
			}
		}
	}
	return false
}

// isFunc reports whether sel names pkg.name.
func (c *checked) isFunc(sel *ast.SelectorExpr, pkg, name string) bool {
	f, ok := c.info.Uses[sel.Sel].(*types.Func)
	return ok && f.Pkg() != nil && f.Pkg().Path() == pkg && f.Name() == name
}

// notUTF8 reports whether ranging over x may meet bytes that are not
// UTF-8: x is such a constant, or a string variable in a program with a
// string literal that is not UTF-8 ("\xff").
func (c *checked) notUTF8(x ast.Expr) bool {
	tv, ok := c.info.Types[x]
	if !ok {
		return false
	}
	if tv.Value != nil {
		return tv.Value.Kind() == constant.String && !utf8.ValidString(constant.StringVal(tv.Value))
	}
	if b, ok := tv.Type.Underlying().(*types.Basic); !ok || b.Info()&types.IsString == 0 {
		return false
	}
	for e, tv := range c.info.Types {
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING && tv.Value != nil && !utf8.ValidString(constant.StringVal(tv.Value)) {
			return true
		}
	}
	return false
}
