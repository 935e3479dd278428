package export

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// A copy of a session's variable is a literal of its static type, which
// compiles; what a literal cannot rebuild is refused, saying why.
func TestLiteralRebuildsAValueOrSaysWhyNot(t *testing.T) {
	const decls = `package main

import (
	"sync"
	"time"
)

type point struct{ x, y int }
type celsius float64
type counter struct {
	mu sync.Mutex
	n  int
}

var (
	p   point
	pp  *point
	ps  []point
	m   map[string]celsius
	ip  *int
	d   time.Duration
	e   error
	ch  chan int
	c   counter
	now time.Time
	arr [2]bool
	s   string
	nps []int
)
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "main.go", decls, 0)
	require.NoError(t, err)
	pkg, err := (&types.Config{Importer: importer.Default()}).Check("main", fset, []*ast.File{f}, nil)
	require.NoError(t, err)
	q := func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		return p.Name()
	}
	num := func(kind, text string) wire.Value { return wire.Value{Kind: kind, Text: text} }
	pt := wire.Value{Kind: "struct", Elems: []wire.Value{num("int", "1"), num("int", "2")}}
	cases := []struct {
		name    string
		v       wire.Value
		want    string
		wantErr string
	}{
		{"p", pt, "point{1, 2}", ""},
		{"pp", wire.Value{Kind: "ptr", Elems: []wire.Value{pt}}, "&point{1, 2}", ""},
		{"pp", wire.Value{Kind: "ptr", Nil: true}, "(*point)(nil)", ""},
		{"ps", wire.Value{Kind: "slice", Elems: []wire.Value{pt}}, "[]point{point{1, 2}}", ""},
		{"m", wire.Value{Kind: "map", Elems: []wire.Value{num("string", "a"), num("float64", "36.6")}}, `map[string]celsius{"a": celsius(36.6)}`, ""},
		{"ip", wire.Value{Kind: "ptr", Elems: []wire.Value{num("int", "7")}}, "func() *int { v := 7; return &v }()", ""},
		{"d", num("int64", "3000000000"), "time.Duration(3000000000)", ""},
		{"e", wire.Value{Kind: "interface", Nil: true}, "error(nil)", ""},
		{"e", wire.Value{Kind: "ptr", Elems: []wire.Value{num("string", "x")}}, "", "interface type (error)"},
		{"ch", wire.Value{Kind: "chan"}, "", "channel"},
		{"c", wire.Value{Kind: "struct", Elems: []wire.Value{{Kind: "struct", Elems: []wire.Value{num("int32", "0"), num("uint32", "0")}}, num("int", "3")}}, "counter{sync.Mutex{}, 3}", ""},
		{"now", wire.Value{Kind: "struct", Elems: []wire.Value{num("uint64", "5"), num("int64", "6"), {Kind: "ptr", Nil: true}}}, "", "time.Time that is not its zero value"},
		{"arr", wire.Value{Kind: "array", Elems: []wire.Value{num("bool", "true"), num("bool", "false")}}, "[2]bool{true, false}", ""},
		{"s", num("string", "a \"quoted\"\n"), `"a \"quoted\"\n"`, ""},
		{"nps", wire.Value{Kind: "slice", Nil: true}, "[]int(nil)", ""},
	}
	for _, c := range cases {
		v := pkg.Scope().Lookup(c.name).(*types.Var)
		got, err := Literal(v.Type(), c.v, q)
		if c.wantErr != "" {
			assert.ErrorContains(t, err, c.wantErr, c.name)
			continue
		}
		require.NoError(t, err, c.name)
		assert.Equal(t, c.want, got, c.name)
		// The literal compiles as a value of the variable's type.
		check := decls + "\nvar _ " + types.TypeString(v.Type(), q) + " = " + got + "\n"
		cfset := token.NewFileSet()
		f, err := parser.ParseFile(cfset, "check.go", check, 0)
		require.NoError(t, err, check)
		_, err = (&types.Config{Importer: importer.Default()}).Check("main", cfset, []*ast.File{f}, nil)
		assert.NoError(t, err, "%s: %s", c.name, got)
	}
}
