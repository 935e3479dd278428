package export

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strings"
)

// firstPass is the session as one file, with the cells' variables still
// declared in main: type-checked to learn the variables' types, which the
// program needs to declare them at the package level, and which imports
// are used.
type firstPass struct {
	fset  *token.FileSet
	file  *ast.File
	info  *types.Info
	pkg   *types.Package
	order []*piece   // the pieces, in the order of the file
	body  []ast.Stmt // main's body
	nodes []ast.Decl // the package-level declarations, but main
}

// check writes and type-checks the first pass. Type errors are expected
// (functions use variables that main declares) and ignored.
func check(ps []*piece, imp types.Importer) (*firstPass, error) {
	var b strings.Builder
	b.WriteString("package main\n")
	fp := &firstPass{fset: token.NewFileSet()}
	for _, imports := range []bool{true, false} {
		for _, p := range ps {
			if p.decl && p.imp == imports && !isVar(p) {
				b.WriteString("\n")
				p.at = b.Len()
				b.WriteString(p.text + "\n")
				fp.order = append(fp.order, p)
			}
		}
	}
	b.WriteString("\nfunc main() {\n")
	for _, p := range ps {
		if !p.decl || isVar(p) {
			p.at = b.Len()
			b.WriteString(p.text + "\n")
			fp.order = append(fp.order, p)
		}
	}
	b.WriteString("}\n")
	f, err := parser.ParseFile(fp.fset, "session.go", b.String(), parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	fp.file = f
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "main" && fd.Recv == nil {
			fp.body = fd.Body.List
		} else {
			fp.nodes = append(fp.nodes, d)
		}
	}
	fp.info = &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Implicits: map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	conf := types.Config{Importer: imp, Error: func(error) {}}
	fp.pkg, _ = conf.Check("main", fp.fset, []*ast.File{f}, fp.info)
	return fp, nil
}

// isVar reports whether a declaration piece declares variables: they go
// in main in the first pass, to keep their order with the statements.
func isVar(p *piece) bool { return p.decl && strings.HasPrefix(p.text, "var") }

// piece returns the piece that holds pos.
func (fp *firstPass) piece(pos token.Pos) *piece {
	off := fp.fset.Position(pos).Offset
	i := sort.Search(len(fp.order), func(i int) bool { return fp.order[i].at > off }) - 1
	if i < 0 {
		return nil
	}
	return fp.order[i]
}

// off is the offset of pos in the piece's text.
func (fp *firstPass) off(p *piece, pos token.Pos) int {
	return fp.fset.Position(pos).Offset - p.at
}
