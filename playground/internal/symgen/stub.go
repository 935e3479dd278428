package symgen

import (
	"fmt"
	"go/constant"
	"go/types"
	"regexp"
	"strings"
)

// stub writes Go source that declares pkg's API: its types (structs with
// their exported fields), the signatures of its exported functions and
// methods, its exported variables and constants — generics included. The
// front end type-checks cells against it.
func stub(pkg *types.Package) string {
	imports := newImports(pkg)
	q := imports.qualifier
	var b strings.Builder
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.TypeName:
			writeType(&b, obj, q)
		case *types.Func:
			if obj.Exported() {
				sig := obj.Type().(*types.Signature)
				fmt.Fprintf(&b, "func %s%s { panic(0) }\n", name, signature(sig, q))
			}
		case *types.Var:
			if obj.Exported() {
				fmt.Fprintf(&b, "var %s %s\n", name, types.TypeString(obj.Type(), q))
			}
		case *types.Const:
			if obj.Exported() {
				writeConst(&b, obj, q)
			}
		}
	}
	return "package " + pkg.Name() + "\n\n" + imports.decl() + "\n" + b.String()
}

// signature writes a signature after the function's name: type
// parameters, parameters, results.
func signature(sig *types.Signature, q types.Qualifier) string {
	return strings.TrimPrefix(exportNames.ReplaceAllString(types.TypeString(sig, q), ""), "func")
}

// exportNames are the names export data gives unnamed results ("#rv1",
// "~r0"), which a stub cannot say: a tuple that has them has no other names.
var exportNames = regexp.MustCompile(`[#~][A-Za-z]+[0-9]+ `)

// writeType declares a type and its exported methods.
func writeType(b *strings.Builder, obj *types.TypeName, q types.Qualifier) {
	if obj.IsAlias() {
		fmt.Fprintf(b, "type %s = %s\n", obj.Name(), types.TypeString(types.Unalias(obj.Type()), q))
		return
	}
	named, ok := obj.Type().(*types.Named)
	if !ok {
		return
	}
	tparams := ""
	if tps := named.TypeParams(); tps.Len() > 0 {
		var ps []string
		for tp := range tps.TypeParams() {
			ps = append(ps, tp.Obj().Name()+" "+types.TypeString(tp.Constraint(), q))
		}
		tparams = "[" + strings.Join(ps, ", ") + "]"
	}
	fmt.Fprintf(b, "type %s%s %s\n", obj.Name(), tparams, underlying(named.Underlying(), q))
	for m := range named.Methods() {
		if !m.Exported() {
			continue
		}
		sig := m.Type().(*types.Signature)
		recv := types.TypeString(sig.Recv().Type(), q)
		fmt.Fprintf(b, "func (%s) %s%s { panic(0) }\n", recv, m.Name(), signature(sig, q))
	}
}

// underlying writes a type's structure; a struct keeps its exported fields
// only (the others could refer to anything).
func underlying(t types.Type, q types.Qualifier) string {
	s, ok := t.(*types.Struct)
	if !ok {
		return types.TypeString(t, q)
	}
	var fields []string
	for i := range s.NumFields() {
		f := s.Field(i)
		if !f.Exported() {
			continue
		}
		field := types.TypeString(f.Type(), q)
		if !f.Embedded() {
			field = f.Name() + " " + field
		}
		if tag := s.Tag(i); tag != "" {
			field += " " + fmt.Sprintf("%q", tag)
		}
		fields = append(fields, field)
	}
	return "struct{" + strings.Join(fields, "; ") + "}"
}

// writeConst declares a constant with its value.
func writeConst(b *strings.Builder, c *types.Const, q types.Qualifier) {
	val := c.Val().ExactString()
	if c.Val().Kind() == constant.Float {
		val = c.Val().String()
	}
	if basic, ok := c.Type().(*types.Basic); ok && basic.Info()&types.IsUntyped != 0 {
		fmt.Fprintf(b, "const %s = %s\n", c.Name(), val)
		return
	}
	fmt.Fprintf(b, "const %s %s = %s\n", c.Name(), types.TypeString(c.Type(), q), val)
}
