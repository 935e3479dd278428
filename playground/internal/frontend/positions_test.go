package frontend

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

// lineDirective finds the line numbers of the /*line*/ directives.
var lineDirective = regexp.MustCompile(`/\*line _\.go:(\d+):(\d+)\*/`)

// TestTenThousandCellsKeepTheirPositions: the //line numbers of a long
// session stay below Go's largest line number (1<<30), and each still
// decodes to its cell and line. Numbering each cell a million lines apart
// ran out after 1,073 cells ("invalid line number: 1074000001").
func TestTenThousandCellsKeepTheirPositions(t *testing.T) {
	s := NewSession(typesys.New())
	for i := 1; i <= 10_000; i++ {
		p, err := s.Compile(s.NewCell(fmt.Sprintf("%d + 1\n%d * 2", i, i)))
		require.NoError(t, err, "cell %d", i)
		s.Commit(p, len(p.Chunks))
	}
	p, err := s.Compile(s.NewCell("x := 1\ny := undefinedName"))
	require.NoError(t, err)
	list := p.CheckErrors
	require.NotEmpty(t, list, "go/types finds the error, at its place")
	assert.Equal(t, "cell10001", list[0].Src.Name)
	assert.Equal(t, 2, list[0].Line)
	assert.Contains(t, list[0].Msg, "undefined: undefinedName")

	p, err = s.Compile(s.NewCell("a := 1\nb := a + 1"))
	require.NoError(t, err)
	var lines []int
	for _, c := range p.Chunks {
		for _, m := range lineDirective.FindAllStringSubmatch(c.Src, -1) {
			n, _ := strconv.Atoi(m[1])
			lines = append(lines, n)
		}
	}
	require.NotEmpty(t, lines)
	last := lines[len(lines)-1]
	assert.LessOrEqual(t, last, 1<<30, "Go's largest line number")
	src, n, col, ok := s.Position(fmt.Sprintf("_.go:%d:7", last))
	require.True(t, ok)
	assert.Equal(t, []any{"cell10002", 2, 7}, []any{src.Name, n, col})
	_, _, _, ok = s.Position(fmt.Sprintf("%d:1", last+5))
	assert.False(t, ok, "a line past the last cell's is no position in the learner's input")
}

// TestASessionThatRunsOutOfLineNumbersSaysSo: a session whose input passes
// Go's largest line number refuses the cell that does not fit, and says
// what to do, rather than fail on a //line directive.
func TestASessionThatRunsOutOfLineNumbersSaysSo(t *testing.T) {
	s := NewSession(typesys.New())
	s.next = maxLine - 3
	_, err := s.Compile(s.NewCell("1 +\n1 +\n1 +\n1"))
	var list ErrorList
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 1)
	assert.Contains(t, list[0].Format("cell1"), "lines of input")
	assert.Contains(t, list[0].Format("cell1"), "start the playground again")
	p, err := s.Compile(s.NewCell("1"))
	require.NoError(t, err, "a cell that still fits runs")
	assert.NotEmpty(t, p.Chunks)
}
