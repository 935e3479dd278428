// Package mangle names the instantiations of generic functions and types
// that the playground compiles in: the interpreter cannot instantiate a
// compiled generic, so the symbol generator compiles chosen instantiations
// under these names, and the front end rewrites a call to one.
package mangle

import (
	"go/types"
	"strings"
)

// Qualifier writes a package as its name, as both sides must.
func Qualifier(p *types.Package) string { return p.Name() }

// Name returns the symbol name of name instantiated with the type
// arguments: Map[int, string] is "Map__int__string".
func Name(name string, args []types.Type) string {
	parts := []string{name}
	for _, a := range args {
		parts = append(parts, ident(types.TypeString(a, Qualifier)))
	}
	return strings.Join(parts, "__")
}

// ident turns a type's text into identifier characters.
func ident(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r == ' ':
		case r == '.':
			b.WriteString("_")
		case r == '*':
			b.WriteString("P_")
		case r == '[':
			b.WriteString("L_")
		case r == ']':
			b.WriteString("_R")
		default:
			b.WriteString("_")
		}
	}
	return b.String()
}
