package frontend

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
)

func quote(s string) string { return strconv.Quote(s) }

// cellFunc is the function the check file puts the cell's statements in.
const cellFunc = "__cell"

// checked is a cell type-checked against the session.
type checked struct {
	src   *Source
	items []item
	fset  *token.FileSet
	file  *ast.File
	tf    *token.File
	info  *types.Info
	pkg   *types.Package
	errs  ErrorList // go/types' errors in this cell
	// errInDecl[i] is set when errs[i] is in one of the cell's
	// declarations, not in its statements.
	errInDecl []bool
	// offs[i] is where item i's text starts in the check file.
	offs  []int
	nodes []ast.Node // the AST of each item: a Decl or a Stmt
}

// off returns the offset in the source of a position in the item.
func (c *checked) off(pos token.Pos) int {
	raw := c.tf.Offset(pos)
	// The item that holds pos: the check file puts the cell's declarations
	// before its statements, so the items' offsets there are not in order.
	for i, o := range c.offs {
		if o >= 0 && raw >= o && raw-o <= c.items[i].end-c.items[i].start {
			return raw - o + c.items[i].start
		}
	}
	for i := len(c.offs) - 1; i >= 0; i-- {
		if c.offs[i] >= 0 && raw >= c.offs[i] {
			return raw - c.offs[i] + c.items[i].start
		}
	}
	return 0
}

// text returns the source text of a node of the cell.
func (c *checked) text(n ast.Node) string {
	return c.src.Text[c.off(n.Pos()):c.off(n.End())]
}

// names are what the declarations of a cell declare, as session keys.
func declKeys(d ast.Decl) []string {
	var keys []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv != nil && len(d.Recv.List) > 0 {
			keys = append(keys, "method:"+recvBase(d.Recv.List[0].Type)+"."+d.Name.Name)
		} else if d.Name.Name != "init" && d.Name.Name != "_" {
			keys = append(keys, "name:"+d.Name.Name)
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch sp := spec.(type) {
			case *ast.TypeSpec:
				keys = append(keys, "name:"+sp.Name.Name)
			case *ast.ValueSpec:
				for _, n := range sp.Names {
					if n.Name != "_" {
						keys = append(keys, "name:"+n.Name)
					}
				}
			}
		}
	}
	return keys
}

// recvBase is the name of a receiver's type: T for T, *T, T[A], *T[A].
func recvBase(x ast.Expr) string {
	for {
		switch t := x.(type) {
		case *ast.StarExpr:
			x = t.X
		case *ast.ParenExpr:
			x = t.X
		case *ast.IndexExpr:
			x = t.X
		case *ast.IndexListExpr:
			x = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// check builds the check file — the session's declarations, the cell's
// declarations, and the cell's statements inside a function — parses it
// and type-checks it. A syntax error in the cell is returned; type errors
// are kept in checked.errs, for the interpreter may still run the code.
func (s *Session) check(src *Source, items []item) (*checked, ErrorList) {
	c := &checked{src: src, items: items, fset: token.NewFileSet(), offs: make([]int, len(items)), nodes: make([]ast.Node, len(items))}

	// What the cell's declarations declare replaces the session's.
	exclude := map[string]bool{}
	var cellImports []string
	for _, it := range items {
		if it.kind != declItem {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), "", "package p;"+src.Text[it.start:it.end], parser.SkipObjectResolution)
		if err != nil {
			continue // the full parse below reports it
		}
		for _, d := range f.Decls {
			for _, k := range declKeys(d) {
				exclude[k] = true
			}
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT {
				for _, spec := range g.Specs {
					cellImports = append(cellImports, importName(spec.(*ast.ImportSpec), s.imp))
				}
			}
		}
	}
	for _, n := range cellImports {
		exclude["import:"+n] = true
	}

	var b strings.Builder
	b.WriteString("package main\n")
	entries := s.declared(exclude)
	hidden := map[string]string{}
	for _, e := range entries {
		for alias, path := range e.imports {
			hidden[alias] = path
		}
	}
	for _, e := range entries {
		if strings.HasPrefix(e.keys[0], "import:") {
			b.WriteString(e.text + "\n")
		}
	}
	aliases := make([]string, 0, len(hidden))
	for a := range hidden {
		aliases = append(aliases, a)
	}
	sort.Strings(aliases)
	for _, a := range aliases {
		b.WriteString("import " + a + " " + quote(hidden[a]) + "\n")
	}
	for i := range c.offs {
		c.offs[i] = -1
	}
	place := func(i int, suffix string) {
		it := items[i]
		b.WriteString(src.directive(it.start))
		c.offs[i] = b.Len()
		b.WriteString(src.Text[it.start:it.end] + suffix)
	}
	for i, it := range items {
		if it.kind == declItem && it.tok == token.IMPORT {
			place(i, "\n")
		}
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.keys[0], "import:") {
			b.WriteString(e.text + "\n")
		}
	}
	for i, it := range items {
		if it.kind == declItem && it.tok != token.IMPORT {
			place(i, "\n")
		}
	}
	declEnd := b.Len() // the cell's declarations (and the session's) come before
	b.WriteString("func " + cellFunc + "() {\n")
	for i, it := range items {
		if it.kind == stmtItem {
			place(i, ";\n")
		}
	}
	b.WriteString("}\n")

	text := b.String()
	file, err := parser.ParseFile(c.fset, src.Name+".check.go", text, parser.SkipObjectResolution)
	c.file = file
	c.tf = c.fset.File(file.Pos())
	if err != nil {
		return nil, s.syntaxErrors(src, err)
	}
	c.locate()

	c.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Instances:  map[*ast.Ident]types.Instance{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	conf := types.Config{
		Importer:  s.imp,
		GoVersion: "go1.25",
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok || unusedError(te.Msg) {
				return
			}
			p := te.Fset.Position(te.Pos)
			if esrc, line, ok := s.decode(p.Line); ok && esrc == src {
				c.errs = append(c.errs, Error{Src: src, Line: line, Col: p.Column, Msg: te.Msg})
				c.errInDecl = append(c.errInDecl, c.tf.Offset(te.Pos) < declEnd)
			}
		},
	}
	c.pkg, _ = conf.Check("main", c.fset, []*ast.File{file}, c.info)
	return c, nil
}

// unusedError reports errors that Go reports but the REPL forgives.
func unusedError(msg string) bool {
	return strings.HasPrefix(msg, "declared and not used") || strings.Contains(msg, "imported and not used") ||
		strings.Contains(msg, "is not used")
}

// locate finds the AST node of each item of the cell.
func (c *checked) locate() {
	at := func(pos token.Pos) int {
		raw := c.tf.Offset(pos)
		for i, o := range c.offs {
			if o >= 0 && raw >= o && raw-o < c.items[i].end-c.items[i].start {
				return i
			}
		}
		return -1
	}
	for _, d := range c.file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == cellFunc && fd.Recv == nil {
			for _, st := range fd.Body.List {
				if i := at(st.Pos()); i >= 0 && c.nodes[i] == nil {
					c.nodes[i] = st
				}
			}
			continue
		}
		if i := at(d.Pos()); i >= 0 && c.nodes[i] == nil {
			c.nodes[i] = d
		}
	}
}

// syntaxErrors turns the parser's errors in the cell into Errors.
func (s *Session) syntaxErrors(src *Source, err error) ErrorList {
	var out ErrorList
	var el scanner.ErrorList
	if errors.As(err, &el) {
		for _, e := range el {
			if esrc, line, ok := s.decode(e.Pos.Line); ok && esrc == src {
				out = append(out, Error{Src: src, Line: line, Col: e.Pos.Column, Msg: e.Msg})
			}
		}
	}
	if len(out) == 0 {
		out = append(out, s.Locate(err.Error()))
	}
	if len(out) > 3 {
		out = out[:3]
	}
	return out
}

// importName is the name an import declares.
func importName(spec *ast.ImportSpec, imp types.Importer) string {
	if spec.Name != nil {
		return spec.Name.Name
	}
	path := strings.Trim(spec.Path.Value, "\"`")
	if pkg, err := imp.Import(path); err == nil {
		return pkg.Name()
	}
	return path[strings.LastIndexByte(path, '/')+1:]
}
