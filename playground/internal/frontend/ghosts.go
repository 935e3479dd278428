package frontend

import (
	"go/ast"
	"go/token"
	"strings"
)

// A ghost is a name whose value in the interpreter the session cannot
// vouch for: yaegi declares the names of x, err := f() (and of a func or
// var declaration) before it compiles the code, so when that fails, or f
// panics, the names stay behind with zero values — replacing the old value
// of a name the session already had. Commit forgets what such a chunk
// declares, so go/types calls the names undefined, and a cell that uses one
// must not run: it would see the zero value as if the define had worked.

// haunt records the names of a chunk that did not run to its end, and
// forgets the session's declarations of them.
func (s *Session) haunt(ch Chunk) {
	for _, e := range ch.entries {
		for _, k := range e.keys {
			if !strings.HasPrefix(k, "name:") {
				continue
			}
			if s.ghosts == nil {
				s.ghosts = map[string]bool{}
			}
			s.ghosts[k] = true
			if old, ok := s.entries[k]; ok {
				for _, ok := range old.keys {
					delete(s.entries, ok)
				}
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
// One exception: a use in a declaration of the cell (a function body, a
// var's initialiser) of a name that the cell's statements define. The
// check file puts the cell's statements in a function, which the
// declarations cannot see; the interpreter runs them at the top level,
// where they can.
func (s *Session) usesGhost(c *checked) bool {
	for i, e := range c.errs {
		name, ok := strings.CutPrefix(e.Msg, "undefined: ")
		if !ok || !s.ghosts["name:"+name] {
			continue
		}
		if !(c.errInDecl[i] && c.defines(name)) {
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
