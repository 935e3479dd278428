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

// TestDeferredCallsTheInterpreterWouldEvaluateLate: Go evaluates a
// deferred call's function, receiver and arguments at the defer; yaegi
// reads the variables when the call runs (measured: each case printed
// other values than compiled Go), so such a cell runs compiled.
func TestDeferredCallsTheInterpreterWouldEvaluateLate(t *testing.T) {
	const decls = `import "fmt"
type T struct{ n int }
func (t *T) M() { fmt.Println("M", t.n) }
func (t T) V() { fmt.Println("V", t.n) }
func f(tag string, v ...any) { fmt.Println(tag, v) }`
	for name, cell := range map[string]string{
		"a loop variable":                  `func c() { for i := 0; i < 3; i++ { defer f("c", i) } }`,
		"a range variable":                 `func c() { for _, s := range []string{"a", "b"} { defer f("c", s) } }`,
		"a closure of a range variable":    `func c() { for _, s := range []string{"a", "b"} { defer func() { f("c", s) }() } }`,
		"a closure of a loop variable":     `func c() { for i := 0; i < 3; i++ { defer func() { f("c", i) }() } }`,
		"a variable assigned after":        `func c() { x := 1; defer f("c", x); x = 2; _ = x }`,
		"a receiver made in a loop":        `func c() { for i := 0; i < 3; i++ { c := &T{i}; defer c.M() } }`,
		"a value receiver changed after":   `func c() { t := T{1}; defer t.V(); t.n = 2 }`,
		"what a pointer points to":         `func c() { x := 1; p := &x; defer f("c", *p); x = 2 }`,
		"a closure's argument from a loop": `func c() { for _, s := range []string{"a", "b"} { defer func(v string) { f("c", v) }(s) } }`,
		"a call in the arguments":          `func c() { n := 0; g := func() int { n++; return n }; defer f("c", g()); g() }`,
		"a value changed by its method":    `func c() { t := T{1}; defer t.V(); t.M() }`,
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := compileCells(t, decls, cell)
			require.Error(t, err)
			list, ok := err.(ErrorList)
			require.True(t, ok, "%v", err)
			assert.Contains(t, list[0].Msg, "when the defer statement runs")
			assert.Equal(t, "cell2", list[0].Src.Name)
		})
	}
}

// TestDeferredCallsThatCannotChangeRunInterpreted: a deferred call whose
// values stay as they were (the usual defer wg.Done(), mu.Unlock(),
// cancel(), close(ch), f.Close(), a closure of nothing a loop makes anew)
// runs the same at either time, so it is not sent to the compiler.
func TestDeferredCallsThatCannotChangeRunInterpreted(t *testing.T) {
	const decls = `import ("context"; "fmt"; "os"; "sync")
var wg sync.WaitGroup
var mu sync.Mutex`
	for _, cell := range []string{
		`func c() { wg.Add(1); defer wg.Done(); mu.Lock(); defer mu.Unlock() }`,
		`func c() { ctx, cancel := context.WithCancel(context.Background()); defer cancel(); _ = ctx }`,
		`func c() { ch := make(chan int); defer close(ch) }`,
		`func c() error { f, err := os.Open("x"); if err != nil { return err }; defer f.Close(); return nil }`,
		`func c() { defer fmt.Println("done", 1) }`,
		`func c() { x := 1; defer func() { fmt.Println(x) }(); x = 2 }`,
		`func c() { for i := range 3 { wg.Add(1); go func() { defer wg.Done(); _ = i }() } }`,
	} {
		t.Run(cell, func(t *testing.T) {
			_, _, err := compileCells(t, decls, cell)
			assert.NoError(t, err)
		})
	}
}

// TestMethodsAndInterfacesTheInterpreterGetsWrong: each case printed
// another value than compiled Go, or failed, in the interpreter
// (measured), so such a cell runs compiled.
func TestMethodsAndInterfacesTheInterpreterGetsWrong(t *testing.T) {
	const decls = `import ("encoding/json"; "fmt"; "io"; "strings")
type Logger struct{ prefix string }
func (l Logger) Log(s string) { fmt.Println(l.prefix, s) }
type Setter interface{ Set(int) }
type Box struct{ n int }
func (b *Box) Set(n int) { b.n = n }
type MyErr struct{}
func (*MyErr) Error() string { return "my" }
type Namer interface{ Name() string }
type Base struct{}
func (Base) Name() string { return "base" }
type Derived struct{ Namer }
type Status int
func (s Status) MarshalJSON() ([]byte, error) { return []byte("\"active\""), nil }`
	for name, tc := range map[string]struct{ cell, msg string }{
		"a method expression":             {`Logger.Log(Logger{"x"}, "y")`, "a method expression"},
		"a method value of a value":       {`l := Logger{"a"}; f := l.Log; l.prefix = "b"; f("x")`, "a method value of a value receiver"},
		"an embedded interface's method":  {`d := Derived{Base{}}; fmt.Println(d.Name())`, "comes from an embedded interface field"},
		"an assertion to an interface":    {`var v any = Box{}; _, ok := v.(Setter); fmt.Println(ok)`, "a type assertion to Setter"},
		"a nil pointer returned as error": {`func get() error { var e *MyErr; return e }`, "stored in an interface"},
		"json and a MarshalJSON":          {`b, _ := json.Marshal(Status(1)); fmt.Println(string(b))`, "would not see the methods of the program's types"},
		"range over bytes not UTF-8":      {`for i, r := range "a\xffb" { fmt.Println(i, r) }`, "range over a string that is not UTF-8"},
		"an io.Reader asserted":           {`var w io.Writer = &strings.Builder{}; _, ok := w.(io.Reader); _ = ok`, "a type assertion to io.Reader"},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := compileCells(t, decls, tc.cell)
			require.Error(t, err)
			list, ok := err.(ErrorList)
			require.True(t, ok, "%v", err)
			assert.Contains(t, list[0].Msg, tc.msg)
			assert.Equal(t, "cell2", list[0].Src.Name)
		})
	}
}

// TestNumGoroutineRunsCompiledInAProgram: in a whole program, which must
// print what go run's prints, runtime.NumGoroutine would count the
// playground's goroutines too; a cell may use it (the lesson says what it
// counts there).
func TestNumGoroutineRunsCompiledInAProgram(t *testing.T) {
	s := NewSession(typesys.New())
	p, err := s.Compile(NewSource("prog.go", "package main\n\nimport (\"fmt\"; \"runtime\")\n\nfunc main() { fmt.Println(runtime.NumGoroutine()) }\n", true))
	require.NoError(t, err)
	require.Len(t, p.Unfaithful, 1)
	assert.Contains(t, p.Unfaithful[0].Error(), "runtime.NumGoroutine in the interpreter counts the playground's own goroutines")
	_, _, err = compileCells(t, `import "runtime"`, `n := runtime.NumGoroutine(); _ = n`)
	assert.NoError(t, err)
}
