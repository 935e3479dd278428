package frontend

import (
	"errors"
	"go/types"
	"path"
	"regexp"
	"strings"
)

// inlineDirectives are the /*line*/ comments in the session's entries.
var inlineDirectives = regexp.MustCompile(`/\*line [^*]*\*/`)

// Var is a variable the session declared.
type Var struct {
	Name string
	// Type is the variable's type as the learner would write it; "" when
	// the front end could not write it.
	Type string
}

// Vars returns the session's variables, in the order they were declared.
func (s *Session) Vars() []Var {
	var out []Var
	for _, e := range s.declared(nil) {
		text := inlineDirectives.ReplaceAllString(e.text, "")
		rest, ok := strings.CutPrefix(text, "var ")
		if !ok {
			continue
		}
		for _, k := range e.keys {
			name, ok := strings.CutPrefix(k, "name:")
			if !ok {
				continue
			}
			v := Var{Name: name}
			if t, ok := strings.CutPrefix(rest, name+" "); ok && len(e.keys) == 1 {
				v.Type = t
				for alias, p := range e.imports {
					v.Type = strings.ReplaceAll(v.Type, alias+".", path.Base(p)+".")
				}
			}
			out = append(out, v)
		}
	}
	return out
}

// SessionPackage type-checks the session's declarations alone and returns
// them as a package: the static types of its variables, for a cell that
// runs compiled and starts from copies of them.
func (s *Session) SessionPackage() (*types.Package, error) {
	c, errs := s.check(NewSource("session", "", false), nil)
	if len(errs) > 0 {
		return nil, errs
	}
	if c.pkg == nil {
		return nil, errors.New("frontend: the session's declarations do not type-check")
	}
	return c.pkg, nil
}
