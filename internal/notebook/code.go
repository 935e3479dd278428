package notebook

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
)

// codeBody returns what a code cell shows: the whole file, or the named
// declarations (funcs, methods as Type.Method, types, vars, consts) with
// their doc comments, separated by blank lines. dir is the README's folder.
func codeBody(dir, source string) (body, lang string, err error) {
	path, names, _ := strings.Cut(source, "#")
	data, err := os.ReadFile(filepath.Join(dir, path))
	if err != nil {
		return "", "", fmt.Errorf("read code cell source: %w", err)
	}
	lang = "text"
	if strings.HasSuffix(path, ".go") {
		lang = "go"
	}
	if names == "" {
		return strings.TrimRight(string(data), "\n"), lang, nil
	}
	if lang != "go" {
		return "", "", fmt.Errorf("code cell %s: declarations can only be picked from Go files", source)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, data, parser.ParseComments)
	if err != nil {
		return "", "", fmt.Errorf("parse %s: %w", path, err)
	}
	var parts []string
	seen := map[token.Pos]bool{} // names declared in one group show it once
	for _, name := range strings.Split(names, ",") {
		name = strings.TrimSpace(name)
		start, end, ok := findDecl(f, name)
		if !ok {
			return "", "", fmt.Errorf("code cell %s: %s has no declaration named %s", source, path, name)
		}
		if seen[start] {
			continue
		}
		seen[start] = true
		parts = append(parts, string(data[fset.Position(start).Offset:fset.Position(end).Offset]))
	}
	return strings.Join(parts, "\n\n"), lang, nil
}

// findDecl finds a top-level declaration by name, including its doc comment.
// A name declared in a group (var (...)) gives the whole group.
func findDecl(f *ast.File, name string) (start, end token.Pos, ok bool) {
	recv, method, isMethod := strings.Cut(name, ".")
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if isMethod != (d.Recv != nil) {
				continue
			}
			if isMethod && (d.Name.Name != method || receiverName(d.Recv) != recv) {
				continue
			}
			if !isMethod && d.Name.Name != name {
				continue
			}
			return withDoc(d.Doc, d.Pos()), d.End(), true
		case *ast.GenDecl:
			if isMethod {
				continue
			}
			for _, spec := range d.Specs {
				// A name in a group shows the whole group: one spec
				// alone is not valid Go.
				if specNames(spec)[name] {
					return withDoc(d.Doc, d.Pos()), d.End(), true
				}
			}
		}
	}
	return 0, 0, false
}

func withDoc(doc *ast.CommentGroup, pos token.Pos) token.Pos {
	if doc != nil {
		return doc.Pos()
	}
	return pos
}

func receiverName(fl *ast.FieldList) string {
	t := fl.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if g, ok := t.(*ast.IndexExpr); ok {
		t = g.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func specNames(spec ast.Spec) map[string]bool {
	names := map[string]bool{}
	switch s := spec.(type) {
	case *ast.TypeSpec:
		names[s.Name.Name] = true
	case *ast.ValueSpec:
		for _, n := range s.Names {
			names[n.Name] = true
		}
	}
	return names
}
