// Package paste proves that a lesson's reference solutions fit its exercise
// stubs: it pastes each solution into the matching stub, as a learner who
// gives up would, and runs the exercise tests on the result. It does this
// without touching the files, through the go command's -overlay flag.
package paste

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Overlay returns, for every stub file in exercisesDir that declares
// something solutionsDir also declares, the file's new content: each func,
// method and type is replaced by the solution's declaration of the same
// name, and the imports are what the result uses. The map is keyed by the
// stub's absolute path.
func Overlay(exercisesDir, solutionsDir string) (map[string][]byte, error) {
	solutions, err := declarations(solutionsDir)
	if err != nil {
		return nil, err
	}
	stubs, err := filepath.Glob(filepath.Join(exercisesDir, "*.go"))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, stub := range stubs {
		if strings.HasSuffix(stub, "_test.go") {
			continue
		}
		src, changed, err := pasteInto(stub, solutions)
		if err != nil {
			return nil, err
		}
		if changed {
			abs, err := filepath.Abs(stub)
			if err != nil {
				return nil, err
			}
			out[abs] = src
		}
	}
	return out, nil
}

// WriteOverlay writes files to dir and the JSON file the go command's
// -overlay flag reads, and returns that file's path.
func WriteOverlay(dir string, files map[string][]byte) (string, error) {
	replace := map[string]string{}
	i := 0
	for path, content := range files {
		i++
		tmp := filepath.Join(dir, strconv.Itoa(i)+"_"+filepath.Base(path))
		if err := os.WriteFile(tmp, content, 0o644); err != nil {
			return "", fmt.Errorf("write overlay file: %w", err)
		}
		replace[path] = tmp
	}
	data, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", err
	}
	overlay := filepath.Join(dir, "overlay.json")
	return overlay, os.WriteFile(overlay, data, 0o644)
}

// decl is a solution's declaration: its source and the imports of its file.
type decl struct {
	src     string
	imports []*ast.ImportSpec
}

func declKey(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil {
			t := d.Recv.List[0].Type
			if s, ok := t.(*ast.StarExpr); ok {
				t = s.X
			}
			if id, ok := t.(*ast.Ident); ok {
				return id.Name + "." + d.Name.Name
			}
		}
		return d.Name.Name
	case *ast.GenDecl:
		if d.Tok == token.TYPE && len(d.Specs) == 1 {
			return d.Specs[0].(*ast.TypeSpec).Name.Name
		}
	}
	return ""
}

func declarations(dir string) (map[string]decl, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	out := map[string]decl{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, data, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			if k := declKey(d); k != "" {
				out[k] = decl{src: string(data[fset.Position(d.Pos()).Offset:fset.Position(d.End()).Offset]), imports: f.Imports}
			}
		}
	}
	return out, nil
}

// pasteInto replaces the stub file's declarations by the solutions', and
// rebuilds its import block from the imports the new code uses.
func pasteInto(path string, solutions map[string]decl) ([]byte, bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, data, parser.ParseComments)
	if err != nil {
		return nil, false, err
	}
	var body bytes.Buffer
	imports := map[string]*ast.ImportSpec{}
	for _, imp := range f.Imports {
		imports[imp.Path.Value] = imp
	}
	changed := false
	last := fset.Position(f.Name.End()).Offset // after "package name"
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			last = fset.Position(gd.End()).Offset
			continue
		}
		start, end := fset.Position(d.Pos()).Offset, fset.Position(d.End()).Offset
		body.Write(data[last:start])
		if sol, ok := solutions[declKey(d)]; ok {
			body.WriteString(sol.src)
			for _, imp := range sol.imports {
				imports[imp.Path.Value] = imp
			}
			changed = true
		} else {
			body.Write(data[start:end])
		}
		last = end
	}
	body.Write(data[last:])
	if !changed {
		return nil, false, nil
	}

	used := usedPackages(body.String())
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport (\n", f.Name.Name)
	for path, imp := range imports {
		name := importName(imp)
		if used[name] {
			if imp.Name != nil {
				fmt.Fprintf(&b, "\t%s %s\n", imp.Name.Name, path)
			} else {
				fmt.Fprintf(&b, "\t%s\n", path)
			}
		}
	}
	b.WriteString(")\n")
	b.WriteString(body.String())
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		return nil, false, fmt.Errorf("paste into %s: %w", path, err)
	}
	return src, true, nil
}

func importName(imp *ast.ImportSpec) string {
	if imp.Name != nil {
		return imp.Name.Name
	}
	p, _ := strconv.Unquote(imp.Path.Value)
	return p[strings.LastIndex(p, "/")+1:]
}

// usedPackages lists the X of every X.Sel in src: the package names the
// code refers to (and some variables, which is harmless here).
func usedPackages(src string) map[string]bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+src, 0)
	used := map[string]bool{}
	if err != nil {
		return used
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	return used
}
