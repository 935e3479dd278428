package frontend

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

// TestCellsTheInterpreterWouldRunDifferentlyAreRefused: go/types accepts
// each cell, and the interpreter would print something else than Go (or
// fail inside its copy of the standard library); the cell is refused with
// what is wrong and how to run it compiled.
func TestCellsTheInterpreterWouldRunDifferentlyAreRefused(t *testing.T) {
	const decls = `import ("errors"; "fmt"; "log"; "maps"; "os"; "runtime"; "slices")
type point struct{ x, y int }
type label string
func (l label) String() string { return "<" + string(l) + ">" }
type ptrString struct{ n int }
func (p *ptrString) String() string { return "ptr" }
type notFound struct{}
func (*notFound) Error() string { return "not found" }`
	cases := []struct{ name, cell, msg string }{
		{"new with a value", `p := new(42); _ = p`, "new(42) (Go 1.26's new with a value) would give a pointer to a zero value"},
		{"%T of a struct", `fmt.Printf("%T\n", point{})`, "%T of main.point"},
		{"%T of a pointer", `fmt.Printf("%v %T\n", 1, &point{})`, "%T of *main.point"},
		{"%#v", `fmt.Sprintf("%#v", point{})`, "%#v of main.point"},
		{"%T through an alias", `type pt = point; fmt.Sprintf("%T", pt{})`, "%T of main.pt: the interpreter has no name"},
		{"%+v with unexported fields", `fmt.Printf("%+v\n", []point{{1, 2}})`, "the interpreter renames unexported fields"},
		{"%T of an interface", `var err error = &notFound{}; fmt.Printf("%T\n", err)`, "formatting an interface value with %T"},
		{"a Stringer in a slice", `fmt.Println([]label{"a"})`, "fmt would call the String method of main.label inside it"},
		{"a value with a pointer String method", `fmt.Println(ptrString{})`, "Go does not call the String method of a value whose method has a pointer receiver"},
		{"%w of a program error", `fmt.Errorf("x: %w", &notFound{})`, "does not pass the Error method"},
		{"a format not known here", `f := "%T"; fmt.Printf(f, point{})`, "of main.point"},
		{"log.Lshortfile", `log.SetFlags(log.Lshortfile)`, "log would print a line of the interpreter's own source (value.go:586)"},
		{"log.Llongfile", `l := log.New(os.Stdout, "", log.Llongfile); _ = l`, "a line of the interpreter's own source"},
		{"runtime.Caller", `_, file, line, _ := runtime.Caller(0); _, _ = file, line`, "runtime.Caller would report a line of the interpreter's own source"},
		{"errors.As to a program type", `var nf *notFound; errors.As(errors.New("x"), &nf)`, "errors.As with a target of a type declared in the program"},
		{"slices.Equal", `slices.Equal([]int{1}, []int{1})`, "slices.Equal is generic, and the interpreter fails to instantiate"},
		{"maps.Equal", `maps.Equal(map[int]int{}, map[int]int{})`, "maps.Equal is generic"},
		{"slices.Reverse", `xs := []int{1}; slices.Reverse(xs)`, "slices.Reverse is generic"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := compileCells(t, decls, tc.cell)
			require.Error(t, err)
			list, ok := err.(ErrorList)
			require.True(t, ok, "%v", err)
			assert.Contains(t, list[0].Msg, tc.msg)
			assert.Equal(t, "cell2", list[0].Src.Name, "the error is in the cell, not in the session's declarations")
			assert.Contains(t, list[0].Hint, RunCompiledHint)
		})
	}
}

// TestCellsTheInterpreterRunsAsGoAreNotRefused: what the interpreter
// prints as Go does (measured) goes through.
func TestCellsTheInterpreterRunsAsGoAreNotRefused(t *testing.T) {
	const decls = `import ("errors"; "fmt"; "log"; "slices")
type point struct{ x, y int }
type Pair struct{ Key, Value string }
type label string
func (l label) String() string { return "<" + string(l) + ">" }
type notFound struct{}
func (*notFound) Error() string { return "not found" }`
	for _, cell := range []string{
		`fmt.Println(point{1, 2}, &point{}, []point{{1, 2}})`,
		`fmt.Printf("%v %d %s\n", point{}, point{}, label("x"))`,
		`fmt.Printf("%+v %T\n", Pair{"a", "b"}, 1)`,
		`fmt.Println(label("a"), &notFound{} == nil)`,
		`var err error = &notFound{}; fmt.Println(err); fmt.Printf("%v\n", err)`,
		`p := new(int); *p = 1`,
		`log.SetFlags(log.LstdFlags | log.Lmicroseconds)`,
		`slices.Contains([]int{1}, 1)`,
		`errors.Is(errors.New("x"), errors.ErrUnsupported)`,
	} {
		t.Run(cell, func(t *testing.T) {
			_, _, err := compileCells(t, decls, cell)
			assert.NoError(t, err)
		})
	}
}

// TestProgramsTheInterpreterWouldRunDifferentlyAreMarked: a program run
// from a file is not refused; what the interpreter would get wrong is
// kept for the caller, which runs it compiled.
func TestProgramsTheInterpreterWouldRunDifferentlyAreMarked(t *testing.T) {
	s := NewSession(typesys.New())
	p, err := s.Compile(NewSource("prog.go", "package main\n\nimport \"fmt\"\n\ntype point struct{ x int }\n\nfunc main() { fmt.Printf(\"%T\\n\", point{}) }\n", true))
	require.NoError(t, err)
	require.Len(t, p.Unfaithful, 1)
	assert.Equal(t, "prog.go:7:34: %T of main.point: the interpreter has no name for the program's types and prints their structure (struct { ... }) or underlying type instead", p.Unfaithful[0].Error())
}

// TestWhatTheInstalledGoHasIsSaid: a name or a package of the installed
// Go's standard library that the interpreter lacks is named as such, with
// how to run the code compiled.
func TestWhatTheInstalledGoHasIsSaid(t *testing.T) {
	_, p, err := compileCells(t, `import "slices"`, `xs := []int{2, 1}; slices.Sort(xs)`)
	if err == nil {
		require.NotEmpty(t, p.CheckErrors)
		err = p.CheckErrors
	}
	list := err.(ErrorList)
	assert.Equal(t, "undefined: slices.Sort", list[0].Msg)
	assert.Contains(t, list[0].Hint, "slices.Sort is in the standard library of the installed Go, but not in the interpreter's")
	assert.Contains(t, list[0].Hint, RunCompiledHint)

	for _, path := range []string{"iter", "testing/synctest", "crypto/sha3", "embed"} {
		_, _, err := compileCells(t, `import "`+path+`"`)
		require.Error(t, err, path)
		list := err.(ErrorList)
		assert.Contains(t, list[0].Msg, "it is in the standard library of the installed Go, but not in the interpreter's", path)
		assert.Contains(t, list[0].Hint, RunCompiledHint, path)
	}
	_, _, err = compileCells(t, `import "golang.org/x/term"`)
	require.Error(t, err)
	list = err.(ErrorList)
	assert.Contains(t, list[0].Msg, "not this package")
	assert.Contains(t, list[0].Hint, RunCompiledHint)

	_, _, err = compileCells(t, `import "golang.org/x/sync/errgroup"`, `var g errgroup.Group; g.SetLimit(2)`)
	require.NoError(t, err, "errgroup, which lesson 02 calls the default, is compiled in")
}

// BenchmarkUnfaithful measures the detection alone on a cell that prints
// values of the session's types, against the whole of Compile.
func BenchmarkUnfaithful(b *testing.B) {
	s := NewSession(typesys.New())
	for _, cell := range []string{`import ("fmt"; "log"; "os")`, `type point struct{ x, y int }`, `ps := []point{{1, 2}}`} {
		p, err := s.Compile(s.NewCell(cell))
		require.NoError(b, err)
		s.Commit(p, len(p.Chunks))
	}
	const cell = `for i, p := range ps { fmt.Printf("%d: %v %d\n", i, p, p.x); log.Println(p); fmt.Fprintln(os.Stderr, ps) }`
	b.Run("detection", func(b *testing.B) {
		src := s.NewCell(cell)
		require.NoError(b, s.register(src))
		items, errs := split(src)
		require.Empty(b, errs)
		c, errs := s.check(src, items)
		require.Empty(b, errs)
		for b.Loop() {
			if u := c.unfaithful(); len(u) > 0 {
				b.Fatal(u)
			}
		}
	})
	b.Run("compile", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Compile(s.NewCell(cell)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
