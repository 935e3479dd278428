package frontend

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitSeparatesDeclarationsFromStatements(t *testing.T) {
	src := NewSource("cell1", `var x = 1; x++; func f() {}; func() { x++ }(); type T struct{}; func (T) M() {}; import "fmt"
const (
	a = 1
	b
)
for i := 0; i < 3; i++ {
	fmt.Println(i)
}`, false)
	items, errs := split(src)
	require.Empty(t, errs)
	var kinds []itemKind
	var texts []string
	for _, it := range items {
		kinds = append(kinds, it.kind)
		texts = append(texts, src.Text[it.start:it.end])
	}
	assert.Equal(t, []itemKind{declItem, stmtItem, declItem, stmtItem, declItem, declItem, declItem, declItem, stmtItem}, kinds)
	assert.Equal(t, "func() { x++ }()", texts[3])
	assert.Equal(t, "func (T) M() {}", texts[5])
	assert.Contains(t, texts[7], "b\n)")
}

func TestSplitKeepsHeadersWhole(t *testing.T) {
	src := NewSource("cell1", "if v := 1; v > 0 { } else if w := 2; w > 0 { }; L: for i := 0; i < 2; i++ { continue L }; switch x := 3; x { }", false)
	items, errs := split(src)
	require.Empty(t, errs)
	require.Len(t, items, 3)
	assert.Equal(t, "L: for i := 0; i < 2; i++ { continue L }", src.Text[items[1].start:items[1].end])
}

func TestSplitFindsThePackageClause(t *testing.T) {
	items, errs := split(NewSource("f.go", "package main\n\nfunc main() {}\n", true))
	require.Empty(t, errs)
	require.Len(t, items, 2)
	assert.Equal(t, packageItem, items[0].kind)
}

func TestNeedsMore(t *testing.T) {
	for src, want := range map[string]bool{
		`x := 1`:                        false,
		`for i := 0; i < 3; i++ {`:      true,
		"func f() {\n\treturn\n}":       false,
		`x := 1 +`:                      true,
		`fmt.Println(1,`:                true,
		"s := `raw":                     true,
		`/* open comment`:               true,
		`if x { } else`:                 true,
		`xs = append(xs, 1)`:            false,
		`go func() { ch <- 1 }()`:       false,
		`import (`:                      true,
		"import (\n\t\"fmt\"\n)":        false,
		"x := 1 // a comment":           false,
		"":                              false,
		"type T struct {\n\tA int\n}\n": false,
	} {
		assert.Equal(t, want, NeedsMore(src), "%q", src)
	}
}

func TestSourcePositions(t *testing.T) {
	s := NewSource("cell1", "ab\ncd\n\nef", false)
	line, col := s.Position(4)
	assert.Equal(t, []int{2, 2}, []int{line, col})
	assert.Equal(t, "cd", s.Line(2))
	assert.Equal(t, "ef", s.Line(4))
	assert.Equal(t, "", s.Line(5))
}
