package frontend

import (
	"fmt"
	"go/ast"
	"go/token"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/symbols"
)

// Program is a cell made ready for the interpreter.
type Program struct {
	Source *Source
	// Chunks are evaluated in order.
	Chunks []Chunk
	// Types are the types of shown values, by show index.
	Types map[int]string
	// CheckErrors are the type errors go/types found in the cell. The
	// interpreter may run the code anyway; when it fails to compile it,
	// these say better what is wrong.
	CheckErrors ErrorList
	// Unfaithful, for a program run from a file, is what the interpreter
	// would run differently from compiled Go (a cell gets these as errors
	// from Compile): such a program runs compiled.
	Unfaithful ErrorList
	// RunsMain is set when the cell is a whole program: its last chunk
	// calls main.
	RunsMain bool
}

// Chunk is code the interpreter evaluates in one go.
type Chunk struct {
	Src string
	// Replay is set for declarations (import, func, type, var, const, and
	// x := ... at the top of a cell): a new worker replays them.
	Replay bool
	// Decl is set for declarations; statements run in the interpreter's
	// main function.
	Decl    bool
	entries []*entry
}

// Compile prepares a source for the interpreter. Syntax errors and code
// the playground cannot run are returned as an ErrorList.
func (s *Session) Compile(src *Source) (*Program, error) {
	if err := s.register(src); err != nil {
		return nil, err
	}
	items, errs := split(src)
	if len(errs) > 0 {
		return nil, errs
	}
	p := &Program{Source: src, Types: map[int]string{}}
	file := false
	kept := items[:0]
	for _, it := range items {
		if it.kind == packageItem {
			file = true
			continue
		}
		kept = append(kept, it)
	}
	items = kept
	if len(items) == 0 {
		return p, nil
	}

	c, errs := s.check(src, items)
	if len(errs) > 0 {
		return nil, errs
	}
	s.explainStd(c, c.errs)
	p.CheckErrors = c.errs
	if s.usesGhost(c) {
		return nil, c.errs
	}
	if errs := s.validate(c); len(errs) > 0 {
		return nil, errs
	}
	if u := c.unfaithful(); len(u) > 0 {
		if !src.File {
			return nil, u
		}
		p.Unfaithful = u
	}
	ed := &edits{src: src}
	r := &rewriter{checked: c, ed: ed, types: p.Types, shows: new(int), handled: map[*ast.Ident]bool{},
		sites: &s.sites, loopSites: map[ast.Node]int{}, hoisted: map[ast.Stmt]bool{}}
	r.rewrite()
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	p.Chunks = s.chunks(c, ed)
	if file && s.declaresMain(c) {
		p.RunsMain = true
		p.Chunks = append(p.Chunks, Chunk{Src: MainFunc + "()"})
	}
	return p, nil
}

// validate finds what the interpreter cannot do: import a package it does
// not have, or change a type it has.
func (s *Session) validate(c *checked) ErrorList {
	var errs ErrorList
	for _, n := range c.nodes {
		g, ok := n.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range g.Specs {
			switch sp := spec.(type) {
			case *ast.ImportSpec:
				path := importPath(sp)
				if _, _, ok := symbols.Lookup(path); !ok && !isGenericStd(path) {
					msg := "cannot import " + sp.Path.Value + ": the interpreter has the course's packages and Go 1.22's standard library, not this package"
					if why, ok := symbols.Skipped[path]; ok {
						msg = "cannot import " + sp.Path.Value + ": the interpreter does not have it: " + why
					} else if StdPackage(path) {
						msg = "cannot import " + sp.Path.Value + ": it is in the standard library of the installed Go, but not in the interpreter's (yaegi v0.16.1 has Go 1.22's)"
					}
					e := newError(c.src, c.off(sp.Path.Pos()), msg)
					e.Hint = RunCompiledHint + "\nType :packages to list what the interpreter has."
					errs = append(errs, e)
					continue
				}
				name := importName(sp, s.imp)
				if old, ok := s.imported(name); ok && old != path {
					e := newError(c.src, c.off(sp.Pos()), fmt.Sprintf("%s is already imported from %q in this session", name, old))
					e.Hint = fmt.Sprintf("Import this one under another name: import my%s %s", name, sp.Path.Value)
					errs = append(errs, e)
				}
			case *ast.TypeSpec:
				if s.hasType(sp.Name.Name) {
					e := newError(c.src, c.off(sp.Name.Pos()), "type "+sp.Name.Name+" is already declared in this session, and the interpreter cannot change a type once declared")
					e.Hint = "Give the new type another name, or type :reset to start a fresh session."
					errs = append(errs, e)
				}
			}
		}
	}
	return errs
}

// isGenericStd reports the standard packages the interpreter runs from
// source: all their functions are generic.
func isGenericStd(path string) bool {
	return path == "cmp" || path == "maps" || path == "slices"
}

// declaresMain reports whether the cell declares func main.
func (s *Session) declaresMain(c *checked) bool {
	for _, n := range c.nodes {
		if fd, ok := n.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			return true
		}
	}
	return false
}

// chunks groups the rewritten items for the interpreter: the imports
// first, then each run of declarations together, and each top-level
// x := ... on its own so that a new worker can replay it. Each run of other
// statements becomes a function, declared then called: at the top level
// yaegi runs statements in the global scope, where a variable declared in
// a block, such as the loop copy "i := i", does not shadow the outer one.
func (s *Session) chunks(c *checked, ed *edits) []Chunk {
	var out []Chunk
	var imports Chunk
	imports.Decl, imports.Replay = true, true
	var cur *Chunk
	flush := func() {
		if cur == nil {
			return
		}
		if cur.Decl || cur.Replay {
			out = append(out, *cur)
		} else {
			name := fmt.Sprintf("%s%d_%d", CellFuncPrefix, c.src.index, len(out))
			out = append(out, Chunk{Src: "func " + name + "() {\n" + cur.Src + "}", Decl: true},
				Chunk{Src: name + "()", entries: cur.entries})
		}
		cur = nil
	}
	for i, it := range c.items {
		text := c.src.directive(it.start) + ed.apply(it.start, it.end, true)
		entries := []*entry(nil)
		if c.nodes[i] != nil {
			entries = c.entries(i, s)
		}
		if it.kind == declItem && it.tok == token.IMPORT {
			imports.Src += s.newImports(c, c.nodes[i])
			imports.entries = append(imports.entries, entries...)
			continue
		}
		define := false
		if a, ok := c.nodes[i].(*ast.AssignStmt); ok && a.Tok == token.DEFINE {
			define = true
		}
		decl := it.kind == declItem
		if cur == nil || cur.Decl != decl || define || cur.Replay && !decl {
			flush()
			cur = &Chunk{Decl: decl, Replay: decl || define}
		}
		sep := "\n"
		if !decl {
			sep = ";\n"
		}
		cur.Src += text + sep
		cur.entries = append(cur.entries, entries...)
		if define {
			flush()
		}
	}
	flush()
	if imports.Src != "" {
		out = append([]Chunk{imports}, out...)
	}
	return out
}

// newImports writes the imports of an import declaration that the session
// does not have yet: the interpreter refuses to import a package twice.
func (s *Session) newImports(c *checked, n ast.Node) string {
	g, ok := n.(*ast.GenDecl)
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, spec := range g.Specs {
		sp := spec.(*ast.ImportSpec)
		if old, ok := s.imported(importName(sp, s.imp)); ok && old == importPath(sp) {
			continue
		}
		b.WriteString(c.src.directive(c.off(sp.Pos())) + "import " + c.text(sp) + "\n")
	}
	return b.String()
}

// CellFuncPrefix starts the names of the functions that hold a cell's
// statements.
const CellFuncPrefix = "__cell"

// Commit records the declarations of the first evaluated chunks of p,
// which ran: later cells are checked against them.
func (s *Session) Commit(p *Program, evaluated int) {
	for _, ch := range p.Chunks[:min(evaluated, len(p.Chunks))] {
		for _, e := range ch.entries {
			s.add(e)
			s.exorcise(e)
		}
	}
	if evaluated < len(p.Chunks) {
		s.haunt(p.Chunks[evaluated])
	}
}
