package frontend

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

// session compiles and commits the cells, and returns the last program.
func compileCells(t *testing.T, cells ...string) (*Session, *Program, error) {
	t.Helper()
	s := NewSession(typesys.New())
	var p *Program
	var err error
	for _, c := range cells {
		p, err = s.Compile(s.NewCell(c))
		if err != nil {
			return s, nil, err
		}
		s.Commit(p, len(p.Chunks))
	}
	return s, p, nil
}

// code is all the chunks' source, without the //line directives and the
// site marks (see marksites_test.go).
func code(p *Program) string {
	var b strings.Builder
	for _, c := range p.Chunks {
		b.WriteString(unmarked(stripLines(c.Src)))
	}
	return b.String()
}

func stripLines(s string) string {
	for {
		i := strings.Index(s, "/*line ")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "*/")
		s = s[:i] + s[i+j+2:]
	}
}

func TestMixedCellBecomesDeclarationAndStatementChunks(t *testing.T) {
	_, p, err := compileCells(t, `x := 1; import "fmt"; var y = 2; fmt.Println(x, y); func f() int { return x }`)
	require.NoError(t, err)
	require.Len(t, p.Chunks, 6)
	assert.True(t, p.Chunks[0].Decl, "imports come first")
	assert.Contains(t, p.Chunks[0].Src, `import "fmt"`)
	assert.True(t, p.Chunks[1].Replay, "x := 1 is replayed")
	assert.False(t, p.Chunks[1].Decl)
	assert.True(t, p.Chunks[2].Decl)
	assert.True(t, strings.HasPrefix(p.Chunks[3].Src, "func __cell1_2() {\n"), "statements run in a function")
	assert.False(t, p.Chunks[3].Replay, "a plain statement is not replayed")
	assert.Equal(t, "__cell1_2()", p.Chunks[4].Src)
	assert.True(t, p.Chunks[5].Decl)
}

func TestRangeOverIntBecomesACountingLoop(t *testing.T) {
	_, p, err := compileCells(t, `for i := range 3 { _ = i }`)
	require.NoError(t, err)
	assert.NotContains(t, code(p), "range")
	assert.Contains(t, code(p), "i := __i1;")

	_, p, err = compileCells(t, `func n() int { return 2 }`, `L: for range n() { continue L }`)
	require.NoError(t, err)
	assert.Contains(t, code(p), "{ __n1 := n(); L: for __i1 := __n1 - __n1;", "a call is evaluated once, before the labelled loop")
}

func TestRangeOverASliceIsLeftAlone(t *testing.T) {
	_, p, err := compileCells(t, `xs := []int{1}`, `for i := range xs { _ = i }`)
	require.NoError(t, err)
	assert.Contains(t, code(p), "for i := range xs { _ = i }")
}

func TestLoopVariablesAreCopiedOnlyWhenCaptured(t *testing.T) {
	_, p, err := compileCells(t, `for i := 0; i < 3; i++ { go func() { _ = i }() }`)
	require.NoError(t, err)
	assert.Contains(t, code(p), "{ i := i; go func")

	_, p, err = compileCells(t, `for i := 0; i < 3; i++ { _ = i }`)
	require.NoError(t, err)
	assert.NotContains(t, code(p), "i := i")

	_, p, err = compileCells(t, `var ps []*int`, `for _, v := range []int{1, 2} { ps = append(ps, &v) }`)
	require.NoError(t, err)
	assert.Contains(t, code(p), "v := v;", "taking the address needs a variable per iteration")
}

func TestLoopThatChangesACapturedVariableIsRefused(t *testing.T) {
	_, _, err := compileCells(t, `for i := 0; i < 3; i++ { go func() { _ = i }(); i++ }`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "changes i in its body")
}

func TestRangeOverChannelsIndexes(t *testing.T) {
	_, p, err := compileCells(t, `chans := []chan int{make(chan int, 1)}`, `for i, c := range chans { c <- i }`)
	require.NoError(t, err)
	assert.Contains(t, code(p), "for i := range chans { c := chans[i]; c <- i }")
}

func TestRangeOverChannelsOfAnExpressionEvaluatesItOnce(t *testing.T) {
	_, p, err := compileCells(t, `a := make(chan int)`, `L: for _, c := range []chan int{a} { close(c); continue L }`)
	require.NoError(t, err)
	assert.Contains(t, code(p), "{ __x1 := []chan int{a}; L: for __k1 := range __x1 { c := __x1[__k1]; close(c); continue L } }")
}

func TestFunctionLiteralsHandedToCompiledCodeAreWrapped(t *testing.T) {
	_, p, err := compileCells(t, `import ("sync"; "sort")`, `var wg sync.WaitGroup; xs := []int{2, 1}`,
		`wg.Go(func() {}); sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] }); func() {}(); f := func() {}; f()`)
	require.NoError(t, err)
	c := code(p)
	assert.Contains(t, c, "wg.Go(__pgFn(func() {}))")
	assert.Contains(t, c, "sort.Slice(xs, __pgFn(func(i, j int) bool")
	assert.Contains(t, c, "\nfunc() {}();", "a literal called at once is left alone")
	assert.Contains(t, c, "f := func() {};", "a literal kept in a variable is left alone")
}

func TestRangeOverFunctionIsAnErrorWithTheFix(t *testing.T) {
	_, _, err := compileCells(t, `func seq(yield func(int) bool) {}`, `for v := range seq { _ = v }`)
	require.Error(t, err)
	list := err.(ErrorList)
	assert.Contains(t, list[0].Msg, "range over a function")
	assert.Contains(t, list[0].Hint, "seq(func(v int) bool")
	assert.Equal(t, 1, list[0].Line)
}

func TestMinMaxClear(t *testing.T) {
	_, p, err := compileCells(t, `a, b := 3, 4`, `m := map[int]int{}`, `min(a, b); max(2.5, 1); clear(m)`)
	require.NoError(t, err)
	c := code(p)
	assert.Contains(t, c, "__pgMin[int](a, b)")
	assert.Contains(t, c, "Show(1)(2.5)", "a constant min or max is computed")
	assert.Contains(t, c, "__pg.Clear(m)")
}

func TestExpressionStatementsShowTheirValues(t *testing.T) {
	_, p, err := compileCells(t, `import "fmt"`, `type P struct{ X int }`, `1 + 1; fmt.Println(1); P{1}; func() {}()`)
	require.NoError(t, err)
	assert.Equal(t, map[int]string{0: "int", 1: "P"}, p.Types)
	assert.NotContains(t, code(p), "Show(2)", "print calls and calls without results show nothing")
}

func TestLaterCellsKnowTheTypesOfEarlierVariables(t *testing.T) {
	_, p, err := compileCells(t, `n := 2`, `ch := make(chan string)`, `n; ch`)
	require.NoError(t, err)
	assert.Equal(t, map[int]string{0: "int", 1: "chan string"}, p.Types)
}

func TestRedefiningATypeIsRefused(t *testing.T) {
	_, _, err := compileCells(t, `type T struct{}`, `type T struct{ A int }`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "already declared")
}

func TestRedefiningAFunctionIsFine(t *testing.T) {
	_, p, err := compileCells(t, `func f() int { return 1 }`, `func f() string { return "" }`, `f()`)
	require.NoError(t, err)
	assert.Equal(t, "string", p.Types[0])
}

func TestUnknownImportSaysWhatIsThere(t *testing.T) {
	_, _, err := compileCells(t, `import "github.com/some/module"`)
	require.Error(t, err)
	list := err.(ErrorList)
	assert.Contains(t, list[0].Msg, "cannot import")
	assert.Contains(t, list[0].Hint, ":packages")
}

func TestSyntaxErrorHasTheCellsPosition(t *testing.T) {
	_, _, err := compileCells(t, "x := 1\ny := (2 +")
	require.Error(t, err)
	list := err.(ErrorList)
	assert.Equal(t, 2, list[0].Line)
	out := list[0].Format("cell1")
	assert.Contains(t, out, "line 2:")
	assert.Contains(t, out, "   2 | y := (2 +")
}

func TestTypeErrorsAreKeptForWhenTheInterpreterFails(t *testing.T) {
	_, p, err := compileCells(t, `var s string = 1`)
	require.NoError(t, err)
	require.NotEmpty(t, p.CheckErrors)
	assert.Contains(t, p.CheckErrors[0].Msg, "cannot use 1")
}

func TestAWholeFileRunsMain(t *testing.T) {
	s := NewSession(typesys.New())
	p, err := s.Compile(NewSource("prog.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n", true))
	require.NoError(t, err)
	assert.True(t, p.RunsMain)
	assert.Equal(t, "__main()", p.Chunks[len(p.Chunks)-1].Src)
	assert.Contains(t, code(p), "func __main() {", "the interpreter runs a func main after every chunk it compiles")
}

func TestLocateDecodesInterpreterPositions(t *testing.T) {
	s := NewSession(typesys.New())
	p, err := s.Compile(s.NewCell("x := 1\ny := x"))
	require.NoError(t, err)
	_ = p
	e := s.Locate("_.go:1000002:6: undefined: z")
	assert.Equal(t, "cell1", e.Src.Name)
	assert.Equal(t, 2, e.Line)
	assert.Equal(t, 6, e.Col)
	assert.Equal(t, "undefined: z", e.Msg)
	e = s.Locate("1000001:1: panic")
	assert.Equal(t, 1, e.Line)
	src, line, col, ok := s.Position("1000002:3")
	require.True(t, ok)
	assert.Equal(t, []any{"cell1", 2, 3}, []any{src.Name, line, col})
}

func TestGenericLessonFunctionsUseTheCompiledInstantiation(t *testing.T) {
	_, p, err := compileCells(t,
		`import ("context"; processes "github.com/gophertutor/concurrency/lessons/01-processes")`,
		`import "github.com/gophertutor/concurrency/playground/registered"`,
		`pool, _ := processes.NewPool(1)`,
		`out, err := processes.Map(context.Background(), pool, registered.Square, []int{1})`)
	require.NoError(t, err)
	assert.Contains(t, code(p), "processes.Map__int__int(")

	_, _, err = compileCells(t,
		`import ("context"; processes "github.com/gophertutor/concurrency/lessons/01-processes")`,
		`f := processes.Register("mine", func(ctx context.Context, s []byte) ([]byte, error) { return s, nil })`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "processes.Register[[]byte, []byte] is not compiled into the playground")
}

func TestCompositeLiteralsAmongSeveralValuesAreParenthesised(t *testing.T) {
	_, p, err := compileCells(t, `type Point struct{ X, Y int }`, `p, n := Point{1, 2}, 3`)
	require.NoError(t, err)
	assert.Contains(t, code(p), "(Point{1, 2}), 3", "yaegi drops the other values of a define that has a bare composite literal")

	_, p, err = compileCells(t, `q := []int{1}`)
	require.NoError(t, err)
	assert.NotContains(t, code(p), "([]int{1})", "a single value is left alone")
}

// TestAGhostOfAFailedDefineIsUndefined: the names of a define that did not
// run are undefined for the next cells (the interpreter would have them,
// zero), until a cell defines them again.
func TestAGhostOfAFailedDefineIsUndefined(t *testing.T) {
	s := NewSession(typesys.New())
	p, err := s.Compile(s.NewCell(`n, err := len("ab"), error(nil)`))
	require.NoError(t, err)
	s.Commit(p, 0) // the define failed: nothing of it ran

	_, err = s.Compile(s.NewCell(`n + 1`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "undefined: n")
	_, err = s.Compile(s.NewCell(`n := n + 1`))
	require.Error(t, err, "a define of the ghost that reads it reads a zero")

	// A cell that defines the name itself, and uses it in a function it
	// declares, runs (go/types alone would call n undefined in f).
	p, err = s.Compile(s.NewCell(`n := 1; func f() int { return n }`))
	require.NoError(t, err)
	s.Commit(p, len(p.Chunks))
	_, err = s.Compile(s.NewCell(`n + 1`))
	require.NoError(t, err)
}
