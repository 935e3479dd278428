package frontend

import (
	"go/ast"
	"go/token"
	"strings"
)

// A ghost is a name the interpreter declared although the code that
// declares it did not run: yaegi declares the names of x, err := f() before
// it compiles f(), and when that fails, or f panics, the names stay, with
// zero values. The session never had them (Commit adds only what ran), so
// go/types calls them undefined; a cell that uses one must not run, or it
// would see the zero value as if the define had worked.

// haunt records the names of a chunk that did not run to its end.
func (s *Session) haunt(ch Chunk) {
	for _, e := range ch.entries {
		for _, k := range e.keys {
			if strings.HasPrefix(k, "name:") {
				if s.ghosts == nil {
					s.ghosts = map[string]bool{}
				}
				s.ghosts[k] = true
			}
		}
	}
}

// exorcise forgets the ghosts of names that a declaration that ran now
// defines.
func (s *Session) exorcise(e *entry) {
	for _, k := range e.keys {
		delete(s.ghosts, k)
	}
}

// usesGhost reports whether go/types found a ghost undefined in the cell.
// A name the cell defines itself does not count: the check file puts the
// cell's statements in a function, so a function the cell declares cannot
// see a variable the cell defines, while the interpreter, which runs the
// cell at the top level, can.
func (s *Session) usesGhost(c *checked) bool {
	for _, e := range c.errs {
		name, ok := strings.CutPrefix(e.Msg, "undefined: ")
		if ok && s.ghosts["name:"+name] && !c.defines(name) {
			return true
		}
	}
	return false
}

// defines reports whether the cell declares or defines name at its top
// level.
func (c *checked) defines(name string) bool {
	for _, n := range c.nodes {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				continue
			}
			for _, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == name {
					return true
				}
			}
		case ast.Decl:
			for _, k := range declKeys(n) {
				if k == "name:"+name {
					return true
				}
			}
		}
	}
	return false
}
