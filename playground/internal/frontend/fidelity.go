package frontend

import (
	"go/ast"
	"go/build"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// RunCompiledHint is what a refusal of code the interpreter would run
// differently from Go says to do.
const RunCompiledHint = "Put the program in a file and run it: go run ./playground prog.go runs such a program compiled, as go run does."

// unfaithful finds what the interpreter would run differently from
// compiled Go, or cannot run, in the cell's own code (not the session's):
// new(expr), the names of the program's types and fields in formatting,
// log's and runtime's caller positions, and the generic functions of
// slices and maps that yaegi fails to instantiate. go/types accepts all of
// them; the interpreter prints something else, or fails inside its copy of
// the standard library.
func (c *checked) unfaithful() ErrorList {
	var errs ErrorList
	report := func(n ast.Node, msg, hint string) {
		e := newError(c.src, c.off(n.Pos()), msg)
		e.Hint = strings.TrimSpace(hint + "\n" + RunCompiledHint)
		errs = append(errs, e)
	}
	for _, n := range c.nodes {
		if n == nil {
			continue
		}
		c.checkDefers(n, report)
		c.checkValues(n, report)
		c.checkSelectContinue(n, report)
		ast.Inspect(n, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				c.checkNew(n, report)
				c.checkErrorsAs(n, report)
				c.checkFormat(n, report)
			case *ast.SelectorExpr:
				c.checkSelector(n, report)
			case *ast.TypeSwitchStmt:
				c.checkTypeSwitch(n, report)
			}
			return true
		})
	}
	return errs
}

// checkErrorsAs finds errors.As with a target of a type of the program:
// the interpreter wraps the program's errors, and As panics.
func (c *checked) checkErrorsAs(call *ast.CallExpr, report reportFunc) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) != 2 {
		return
	}
	f, ok := c.info.Uses[sel.Sel].(*types.Func)
	if !ok || f.Pkg() == nil || f.Pkg().Path() != "errors" || f.Name() != "As" {
		return
	}
	if t := c.info.TypeOf(call.Args[1]); t != nil && c.programType(t, false) != nil {
		report(call.Args[1], "errors.As with a target of a type declared in the program: the interpreter wraps the program's errors, and errors.As panics (\"*target must be interface or implement error\")",
			"Compare with errors.Is and a sentinel error (var errX = errors.New(...)), or use an interface as the target.")
	}
}

type reportFunc func(n ast.Node, msg, hint string)

// checkTypeSwitch finds a type switch with a case of a type of the
// program: yaegi matches such cases wrongly (a value of the case's type
// falls to another case, or to none).
func (c *checked) checkTypeSwitch(ts *ast.TypeSwitchStmt, report reportFunc) {
	for _, st := range ts.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			continue
		}
		for _, x := range cc.List {
			if t := c.info.TypeOf(x); t != nil && c.programType(t, false) != nil {
				report(x, "a type switch with a case of "+types.TypeString(t, func(p *types.Package) string {
					if p == c.pkg {
						return "main"
					}
					return p.Name()
				})+", a type of the program: the interpreter matches such cases wrongly (a value of that type can fall to another case, or to none)",
					"A type assertion (v, ok := x.(T)) works in the playground.")
				return
			}
		}
	}
}

// checkNew finds new(expr) with a value, not a type (Go 1.26): yaegi
// makes a pointer to a zero value.
func (c *checked) checkNew(call *ast.CallExpr, report reportFunc) {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok || len(call.Args) != 1 {
		return
	}
	if b, ok := c.info.Uses[id].(*types.Builtin); !ok || b.Name() != "new" {
		return
	}
	if tv, ok := c.info.Types[call.Args[0]]; ok && !tv.IsType() {
		arg := c.text(call.Args[0])
		report(call, "new("+arg+") (Go 1.26's new with a value) would give a pointer to a zero value in the interpreter, not to "+arg,
			"In the playground write v := "+arg+"; p := &v.")
	}
}

// yaegiGenerics are the generic functions of slices, maps and cmp that the
// interpreter instantiates correctly from its copy of their source (it
// fails on the others with "undefined type for E").
var yaegiGenerics = map[string]bool{
	"slices.Contains": true, "slices.ContainsFunc": true, "slices.Index": true, "slices.IndexFunc": true,
	"cmp.Compare": true, "cmp.Less": true,
}

// callerFuncs report the file and line of their caller: in the
// interpreter that is a line of yaegi's own source.
var callerFuncs = map[string]string{
	"log.Lshortfile": "log would print a line of the interpreter's own source (value.go:586), not your file and line",
	"log.Llongfile":  "log would print a line of the interpreter's own source, not your file and line",
	"runtime.Caller": "runtime.Caller would report a line of the interpreter's own source, not your file and line",
}

func (c *checked) checkSelector(sel *ast.SelectorExpr, report reportFunc) {
	obj := c.info.Uses[sel.Sel]
	if obj == nil || obj.Pkg() == nil {
		return
	}
	if x, ok := sel.X.(*ast.Ident); !ok || c.info.Uses[x] == nil {
		return
	} else if _, ok := c.info.Uses[x].(*types.PkgName); !ok {
		return
	}
	name := obj.Pkg().Path() + "." + obj.Name()
	if why, ok := callerFuncs[name]; ok {
		report(sel, why, "")
		return
	}
	switch obj.Pkg().Path() {
	case "slices", "maps":
	default:
		return
	}
	if f, ok := obj.(*types.Func); ok && !yaegiGenerics[name] {
		if sig, ok := f.Type().(*types.Signature); ok && sig.TypeParams().Len() > 0 {
			report(sel, name+" is generic, and the interpreter fails to instantiate most generic functions of slices and maps",
				"sort.Ints, sort.Strings and sort.Slice work in the playground; slices.Contains and slices.Index too.")
		}
	}
}

// printFuncs are the functions of fmt and log, and the methods of
// log.Logger, that format their arguments; the value is the index of
// the format argument, -1 for none.
func printFunc(obj types.Object) (format int, ok bool) {
	f, isFunc := obj.(*types.Func)
	if !isFunc || f.Pkg() == nil {
		return 0, false
	}
	name := f.Name()
	switch f.Pkg().Path() {
	case "fmt":
		switch name {
		case "Print", "Println", "Sprint", "Sprintln", "Fprint", "Fprintln", "Append", "Appendln":
			return -1, true
		case "Printf", "Sprintf", "Errorf":
			return 0, true
		case "Fprintf", "Appendf":
			return 1, true
		}
	case "log":
		switch name {
		case "Print", "Println", "Fatal", "Fatalln", "Panic", "Panicln":
			return -1, true
		case "Printf", "Fatalf", "Panicf":
			return 0, true
		}
	}
	return 0, false
}

// checkFormat finds a formatting call that would print a type or a field
// of the program by another name: the interpreter's types are unnamed
// reflect types with exported fields.
func (c *checked) checkFormat(call *ast.CallExpr, report reportFunc) {
	fn := calleeIdent(call)
	if fn == nil {
		return
	}
	format, ok := printFunc(c.info.Uses[fn])
	if !ok || call.Ellipsis.IsValid() {
		return
	}
	args := call.Args
	verbs := map[int]string{} // argument index → verb with its flags
	if format >= 0 {
		if len(args) <= format {
			return
		}
		tv := c.info.Types[args[format]]
		args = args[format+1:]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			// A format not known here: any verb may apply.
			for i := range args {
				verbs[i] = "#T"
			}
		} else {
			verbs = parseVerbs(constant.StringVal(tv.Value), len(args))
		}
	}
	for i, arg := range args {
		verb, ok := verbs[i]
		if format < 0 {
			verb, ok = "v", true
		}
		if !ok {
			continue
		}
		if why := c.misprinted(verb, c.info.TypeOf(arg)); why != "" {
			report(arg, why, "")
			return
		}
	}
}

// parseVerbs maps the arguments of a format to their verbs, with flags:
// "v", "+v", "#v", "T". An explicit argument index makes every argument
// count as printed with every verb.
func parseVerbs(format string, n int) map[int]string {
	verbs := map[int]string{}
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		flags := ""
		for ; i < len(format); i++ {
			ch := format[i]
			if ch == '[' {
				for j := range n {
					verbs[j] = "#+T"
				}
				return verbs
			}
			if ch == '*' {
				arg++
				continue
			}
			if strings.IndexByte("+-# 0123456789.", ch) >= 0 {
				if ch == '+' || ch == '#' {
					flags += string(ch)
				}
				continue
			}
			break
		}
		if i >= len(format) || format[i] == '%' {
			continue
		}
		verbs[arg] = flags + string(format[i])
		arg++
	}
	return verbs
}

// misprinted says why a value of type t, formatted with verb, would print
// differently in the interpreter; "" if it would not.
func (c *checked) misprinted(verb string, t types.Type) string {
	if t == nil {
		return ""
	}
	named := c.programType(t, false)
	if _, isIface := t.Underlying().(*types.Interface); isIface && strings.ContainsAny(verb, "T#+") && c.declaresTypes() {
		return "formatting an interface value with %" + verb[len(verb)-1:] + " or a # or + flag, in a program that declares types: " +
			"the interpreter has no names for the program's types (it prints struct { Xx int } for main.point)"
	}
	if named == nil {
		return ""
	}
	name := types.TypeString(t, func(*types.Package) string { return "main" })
	switch {
	case strings.Contains(verb, "T"):
		return "%T of " + name + ": the interpreter has no name for the program's types and prints their structure (struct { ... }) or underlying type instead"
	case strings.Contains(verb, "#"):
		return "%#v of " + name + ": the interpreter has no name for the program's types and prints struct { ... } instead of " + name
	case strings.Contains(verb, "+") && c.unexportedFields(t):
		return "%+v of " + name + ": the interpreter renames unexported fields (x prints as Xx)"
	}
	if why := c.methodsLost(t); why != "" {
		return "printing " + types.TypeString(t, func(*types.Package) string { return "main" }) + ": " + why
	}
	return ""
}

// methodsLost says why fmt would not call, in the interpreter, the String
// or Error method that Go calls on a value of type t (or calls one that Go
// does not). Measured: a value, or a pointer to one, whose type has a
// String method prints as in Go; one held in a slice, map, array or
// struct prints without it; a value whose String method has a pointer
// receiver prints with it; a pointer with an Error method is no error to
// %w.
func (c *checked) methodsLost(t types.Type) string {
	if inner := c.programType(t, true); inner != nil && formatMethod(types.NewPointer(inner), inner) != "" {
		if p, ok := t.(*types.Pointer); !ok || types.Unalias(p.Elem()) != types.Type(inner) {
			return "fmt would call the " + formatMethod(types.NewPointer(inner), inner) + " method of " +
				types.TypeString(inner, func(*types.Package) string { return "main" }) + " inside it; the interpreter's copy of the value has no methods"
		}
	}
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		if c.programType(t, false) != t {
			return ""
		}
		if m := formatMethod(types.NewPointer(t), t); m != "" && formatMethod(t, t) == "" {
			return "Go does not call the " + m + " method of a value whose method has a pointer receiver; the interpreter does"
		}
	case *types.Pointer:
		if n, ok := types.Unalias(t.Elem()).(*types.Named); ok && c.programType(n, false) == n && formatMethod(t, n) == "Error" {
			return "the interpreter does not pass the Error method of the program's types to fmt"
		}
	}
	return ""
}

// formatMethod returns the first of String, Error, Format and GoString
// in the method set of t, whose named type is n; "" if none.
func formatMethod(t types.Type, n *types.Named) string {
	ms := types.NewMethodSet(t)
	for _, m := range []string{"Error", "String", "Format", "GoString"} {
		if ms.Lookup(n.Obj().Pkg(), m) != nil {
			return m
		}
	}
	return ""
}

// programType returns a named type declared in the program that t is or
// holds (in pointers, slices, arrays, maps, channels and struct fields);
// inner skips t itself.
func (c *checked) programType(t types.Type, inner bool) *types.Named {
	seen := map[types.Type]bool{}
	var walk func(t types.Type, top bool) *types.Named
	walk = func(t types.Type, top bool) *types.Named {
		t = types.Unalias(t)
		if seen[t] {
			return nil
		}
		seen[t] = true
		if n, ok := t.(*types.Named); ok && n.Obj().Pkg() == c.pkg && n.Obj().Pkg() != nil {
			if !top || !inner {
				return n
			}
		}
		switch u := t.Underlying().(type) {
		case *types.Pointer:
			return walk(u.Elem(), false)
		case *types.Slice:
			return walk(u.Elem(), false)
		case *types.Array:
			return walk(u.Elem(), false)
		case *types.Chan:
			return walk(u.Elem(), false)
		case *types.Map:
			if n := walk(u.Key(), false); n != nil {
				return n
			}
			return walk(u.Elem(), false)
		case *types.Struct:
			for f := range u.Fields() {
				if n := walk(f.Type(), false); n != nil {
					return n
				}
			}
		}
		return nil
	}
	return walk(t, true)
}

// unexportedFields reports whether t holds a struct type of the program
// with an unexported field.
func (c *checked) unexportedFields(t types.Type) bool {
	seen := map[types.Type]bool{}
	var walk func(t types.Type) bool
	walk = func(t types.Type) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		switch u := t.Underlying().(type) {
		case *types.Pointer:
			return walk(u.Elem())
		case *types.Slice:
			return walk(u.Elem())
		case *types.Array:
			return walk(u.Elem())
		case *types.Map:
			return walk(u.Key()) || walk(u.Elem())
		case *types.Struct:
			for f := range u.Fields() {
				if (!f.Exported() && f.Pkg() == c.pkg) || walk(f.Type()) {
					return true
				}
			}
		}
		return false
	}
	return walk(t)
}

// declaresTypes reports whether the program declares a named type.
func (c *checked) declaresTypes() bool {
	for _, obj := range c.info.Defs {
		if tn, ok := obj.(*types.TypeName); ok && tn.Pkg() == c.pkg && !tn.IsAlias() {
			return true
		}
	}
	scope := c.pkg.Scope()
	for _, name := range scope.Names() {
		if _, ok := scope.Lookup(name).(*types.TypeName); ok {
			return true
		}
	}
	return false
}

// undefinedInStd matches go/types' message for a name a package lacks.
var undefinedInStd = regexp.MustCompile(`^undefined: (\w+)\.(\w+)$`)

// explainStd adds a hint to the type errors that name what the installed
// Go's standard library has but the interpreter's (Go 1.22's) lacks.
func (s *Session) explainStd(c *checked, errs ErrorList) {
	paths := map[string]string{}
	for _, sp := range c.file.Imports {
		paths[importName(sp, s.imp)] = importPath(sp)
	}
	for i, e := range errs {
		m := undefinedInStd.FindStringSubmatch(e.Msg)
		if m == nil || e.Hint != "" {
			continue
		}
		path, ok := paths[m[1]]
		if !ok {
			path, ok = s.imported(m[1])
		}
		if !ok || !StdHas(path, m[2]) {
			continue
		}
		errs[i].Hint = m[1] + "." + m[2] + " is in the standard library of the installed Go, but not in the interpreter's (yaegi v0.16.1 has Go 1.22's).\n" + RunCompiledHint
	}
}

// StdPackage reports whether path is a package of the installed Go's
// standard library.
func StdPackage(path string) bool {
	if build.Default.GOROOT == "" || strings.Contains(path, ".") {
		return false
	}
	st, err := os.Stat(filepath.Join(build.Default.GOROOT, "src", filepath.FromSlash(path)))
	return err == nil && st.IsDir()
}

// StdHas reports whether the installed Go's standard package path
// declares the exported name at its top level.
func StdHas(path, name string) bool {
	if !StdPackage(path) || !token.IsExported(name) {
		return false
	}
	bp, err := build.Default.Import(path, "", 0)
	if err != nil {
		return false
	}
	fset := token.NewFileSet()
	for _, f := range bp.GoFiles {
		file, err := parser.ParseFile(fset, filepath.Join(bp.Dir, f), nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == name {
					return true
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						if sp.Name.Name == name {
							return true
						}
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							if n.Name == name {
								return true
							}
						}
					}
				}
			}
		}
	}
	return false
}

// calleeIdent is the name a call calls: f for f(x), F for pkg.F(x) and
// M for v.M(x); nil for a call of a function value (a literal, an index).
func calleeIdent(call *ast.CallExpr) *ast.Ident {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	}
	return nil
}
