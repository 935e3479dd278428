package frontend

import (
	"fmt"
	"go/types"
	"sort"
	"strings"
)

// Session is what the front end knows of a REPL session: the inputs so far
// (to show where an error is), and the declarations that ran, by name, to
// type-check the next cell against.
type Session struct {
	imp     types.Importer
	list    []*Source         // every source compiled, in order
	next    int               // the line base of the next source (see firstLine)
	entries map[string]*entry // by key: see entry.keys
	seq     int               // entry order
	cells   int
	sites   []Site          // site k is sites[k-1]
	ghosts  map[string]bool // names the interpreter may hold that the session does not: see ghosts.go
}

// entry is a declaration of the session, as the check file declares it:
// a function without its body, a variable with its type.
type entry struct {
	keys    []string // "import:fmt", "name:x", "method:T.M"
	text    string
	imports map[string]string // the hidden imports text needs: alias → path
	order   int
	typ     bool   // a type declaration
	path    string // for an import: the path it imports
}

// NewSession returns a session with nothing declared. imp resolves the
// imports (typesys.New()).
func NewSession(imp types.Importer) *Session {
	return &Session{imp: imp, entries: map[string]*entry{}}
}

// NewCell returns the source of the next REPL cell: cell1, cell2, ...
func (s *Session) NewCell(text string) *Source {
	s.cells++
	return NewSource(fmt.Sprintf("cell%d", s.cells), text, false)
}

// register numbers a source and its lines for the //line directives. It
// fails only when the session has used up Go's line numbers.
func (s *Session) register(src *Source) error {
	if src.index != 0 {
		return nil
	}
	if s.next == 0 {
		s.next = firstLine
	}
	if s.next+src.lineCount() > maxLine {
		return ErrorList{{Src: src, Msg: "the session has run out of line numbers: its cells have used up the lines of input Go can number (about a billion)",
			Hint: "Save what you need (:decls shows your declarations), then start the playground again."}}
	}
	src.base = s.next
	s.next += src.lineCount() + 1 // a line to spare between sources
	s.list = append(s.list, src)
	src.index = len(s.list)
	return nil
}

// Reset forgets every declaration (after the worker started afresh);
// inputs stay, so that old positions can still be shown.
func (s *Session) Reset() {
	s.entries = map[string]*entry{}
	s.ghosts = nil
}

// add records e, replacing what declared the same names.
func (s *Session) add(e *entry) {
	for _, k := range e.keys {
		if old, ok := s.entries[k]; ok {
			for _, ok := range old.keys {
				delete(s.entries, ok)
			}
		}
	}
	s.seq++
	e.order = s.seq
	for _, k := range e.keys {
		s.entries[k] = e
	}
}

// declared returns the distinct entries in the order they were added,
// without those that declare one of the excluded keys.
func (s *Session) declared(exclude map[string]bool) []*entry {
	seen := map[*entry]bool{}
	var out []*entry
	for _, e := range s.entries {
		if seen[e] {
			continue
		}
		seen[e] = true
		skip := false
		for _, k := range e.keys {
			skip = skip || exclude[k]
		}
		if !skip {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].order < out[j].order })
	return out
}

// hasType reports whether the session declares type name.
func (s *Session) hasType(name string) bool {
	e, ok := s.entries["name:"+name]
	return ok && e.typ
}

// importedAs returns the name under which the session imports path.
func (s *Session) importedAs(path string) (string, bool) {
	for k, e := range s.entries {
		if name, ok := strings.CutPrefix(k, "import:"); ok && e.path == path {
			return name, true
		}
	}
	return "", false
}

// imported returns the path the session imports under name.
func (s *Session) imported(name string) (string, bool) {
	e, ok := s.entries["import:"+name]
	if !ok {
		return "", false
	}
	return e.path, true
}
