package frontend

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
)

// entries returns what the session learns when item i has run: its
// declarations, for later cells to be type-checked against.
func (c *checked) entries(i int, s *Session) []*entry {
	switch n := c.nodes[i].(type) {
	case *ast.GenDecl:
		return c.genDeclEntries(n, s)
	case *ast.FuncDecl:
		return c.funcEntries(n)
	case *ast.AssignStmt:
		if n.Tok != token.DEFINE {
			return nil
		}
		var out []*entry
		for _, x := range n.Lhs {
			if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
				if e := c.varEntry(id, s); e != nil {
					out = append(out, e)
				} else {
					return []*entry{c.fallback(n, n.Lhs, nil, n.Rhs)}
				}
			}
		}
		return out
	}
	return nil
}

// funcEntries declares a function by its signature: its body was checked
// when it was written.
func (c *checked) funcEntries(fd *ast.FuncDecl) []*entry {
	keys := declKeys(fd)
	if len(keys) == 0 {
		return nil
	}
	text := c.src.directive(c.off(fd.Pos()))
	end := fd.End()
	if fd.Body != nil {
		end = fd.Body.Lbrace
	}
	text += c.src.Text[c.off(fd.Pos()):c.off(end)]
	return []*entry{{keys: keys, text: text}}
}

func (c *checked) genDeclEntries(g *ast.GenDecl, s *Session) []*entry {
	var out []*entry
	for _, spec := range g.Specs {
		switch sp := spec.(type) {
		case *ast.ImportSpec:
			name := importName(sp, s.imp)
			if name == "_" {
				continue
			}
			text := "import " + c.src.directive(c.off(sp.Pos())) + c.text(sp)
			out = append(out, &entry{keys: []string{"import:" + name}, text: text, path: importPath(sp)})
		case *ast.TypeSpec:
			text := "type " + c.src.directive(c.off(sp.Pos())) + c.text(sp)
			out = append(out, &entry{keys: []string{"name:" + sp.Name.Name}, text: text, typ: true})
		case *ast.ValueSpec:
			for _, id := range sp.Names {
				if id.Name == "_" {
					continue
				}
				var e *entry
				if g.Tok == token.CONST {
					e = c.constEntry(id, s)
				} else {
					e = c.varEntry(id, s)
				}
				if e == nil {
					var values []ast.Expr
					if g.Tok == token.VAR {
						values = sp.Values
					}
					return append(out, c.fallback(sp, IdentExprs(sp.Names), sp.Type, values))
				}
				out = append(out, e)
			}
		}
	}
	return out
}

// importPath is the path an import spec imports.
func importPath(sp *ast.ImportSpec) string {
	p, err := strconv.Unquote(sp.Path.Value)
	if err != nil {
		return strings.Trim(sp.Path.Value, "\"`")
	}
	return p
}

// IdentExprs returns ids as expressions: the names of a declaration, as
// the left-hand side of an assignment to them.
func IdentExprs(ids []*ast.Ident) []ast.Expr {
	out := make([]ast.Expr, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// varEntry declares a variable by its type: "var x T".
func (c *checked) varEntry(id *ast.Ident, s *Session) *entry {
	obj, ok := c.info.Defs[id].(*types.Var)
	if !ok {
		return nil
	}
	e := &entry{keys: []string{"name:" + id.Name}}
	t, ok := s.typeText(obj.Type(), c.pkg, e)
	if !ok {
		return nil
	}
	e.text = "var " + c.src.directive(c.off(id.Pos())) + id.Name + " " + t
	return e
}

// constEntry declares a constant by its value.
func (c *checked) constEntry(id *ast.Ident, s *Session) *entry {
	obj, ok := c.info.Defs[id].(*types.Const)
	if !ok || obj.Val().Kind() == 0 {
		return nil
	}
	e := &entry{keys: []string{"name:" + id.Name}}
	text := "const " + c.src.directive(c.off(id.Pos())) + id.Name
	if b, isBasic := obj.Type().(*types.Basic); !isBasic || b.Info()&types.IsUntyped == 0 {
		t, ok := s.typeText(obj.Type(), c.pkg, e)
		if !ok {
			return nil
		}
		text += " " + t
	}
	e.text = text + " = " + obj.Val().ExactString()
	return e
}

// fallback declares names by repeating their declaration, when their
// types cannot be written: "var a, b = f()", "var a T" (typ is the
// declared type, or nil).
func (c *checked) fallback(n ast.Node, names []ast.Expr, typ ast.Expr, values []ast.Expr) *entry {
	e := &entry{}
	var ns, vs []string
	for _, x := range names {
		if id, ok := x.(*ast.Ident); ok && id.Name != "_" {
			e.keys = append(e.keys, "name:"+id.Name)
		}
		ns = append(ns, c.text(x))
	}
	for _, v := range values {
		vs = append(vs, c.text(v))
	}
	e.text = "var " + c.src.directive(c.off(n.Pos())) + strings.Join(ns, ", ")
	if typ != nil {
		e.text += " " + c.text(typ)
	}
	if len(vs) > 0 {
		e.text += " = " + strings.Join(vs, ", ")
	}
	return e
}

// typeText writes t for the check file: the cell's own package unqualified,
// others by the name the session imports them as, or a hidden import.
func (s *Session) typeText(t types.Type, main *types.Package, e *entry) (string, bool) {
	ok := true
	text := types.TypeString(t, func(p *types.Package) string {
		if p == main || p.Path() == "main" {
			return ""
		}
		if name, found := s.importedAs(p.Path()); found {
			return name
		}
		alias := "__" + strings.Map(func(r rune) rune {
			if r == '/' || r == '.' || r == '-' {
				return '_'
			}
			return r
		}, p.Path())
		if e.imports == nil {
			e.imports = map[string]string{}
		}
		e.imports[alias] = p.Path()
		return alias
	})
	// A type the check file cannot name: invalid, local to a function, or
	// unexported in another package.
	var bad func(types.Type) bool
	seen := map[types.Type]bool{}
	bad = func(t types.Type) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Basic:
			return t.Kind() == types.Invalid
		case *types.Named:
			obj := t.Obj()
			if obj.Pkg() != nil && (obj.Pkg() == main && obj.Parent() != main.Scope() || obj.Pkg() != main && !obj.Exported()) {
				return true
			}
			for a := range t.TypeArgs().Types() {
				if bad(a) {
					return true
				}
			}
			return false
		case *types.Pointer:
			return bad(t.Elem())
		case *types.Slice:
			return bad(t.Elem())
		case *types.Array:
			return bad(t.Elem())
		case *types.Map:
			return bad(t.Key()) || bad(t.Elem())
		case *types.Chan:
			return bad(t.Elem())
		case *types.Signature:
			for v := range t.Params().Variables() {
				if bad(v.Type()) {
					return true
				}
			}
			for v := range t.Results().Variables() {
				if bad(v.Type()) {
					return true
				}
			}
		case *types.Struct:
			for f := range t.Fields() {
				if bad(f.Type()) {
					return true
				}
			}
		}
		return false
	}
	if bad(t) {
		ok = false
	}
	return text, ok
}
