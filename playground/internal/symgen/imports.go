package symgen

import (
	"fmt"
	"go/types"
	"sort"
	"strings"
)

// importSet names the packages a generated file refers to.
type importSet struct {
	self   *types.Package // written unqualified (a stub), or nil
	byPath map[string]string
	used   map[string]bool // names taken
}

func newImports(self *types.Package) *importSet {
	return &importSet{self: self, byPath: map[string]string{}, used: map[string]bool{}}
}

// add returns the name under which p is imported.
func (s *importSet) add(path, name string) string {
	if n, ok := s.byPath[path]; ok {
		return n
	}
	n := name
	for i := 2; s.used[n]; i++ {
		n = fmt.Sprintf("%s%d", name, i)
	}
	s.used[n] = true
	s.byPath[path] = n
	return n
}

// qualifier is a types.Qualifier that imports what it qualifies.
func (s *importSet) qualifier(p *types.Package) string {
	if p == s.self {
		return ""
	}
	return s.add(p.Path(), p.Name())
}

// decl writes the import declaration.
func (s *importSet) decl() string {
	paths := make([]string, 0, len(s.byPath))
	for p := range s.byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("import (\n")
	for _, p := range paths {
		fmt.Fprintf(&b, "\t%s %q\n", s.byPath[p], p)
	}
	b.WriteString(")\n")
	return b.String()
}
