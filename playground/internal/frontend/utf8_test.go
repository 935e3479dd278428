package frontend

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

// TestAnIllegalLineNeedsNoMore: a line that no later line can make valid
// Go — bytes that are not UTF-8, a character Go has no token for — ends
// its cell, so that it is reported at once and the next line is a cell of
// its own (it was read as part of this one, and lost with it).
func TestAnIllegalLineNeedsNoMore(t *testing.T) {
	for _, src := range []string{"\xff", "x := 1 +\xff", "s := \"\xff\" +", "x := 1 @", "fmt.Println(\"a\", #", "\x00", "func f() {\n\t$"} {
		assert.False(t, NeedsMore(src), "%q", src)
	}
	assert.True(t, NeedsMore("s := \"\u00ff\" +"), "valid text that stops mid-expression goes on")
}

// TestInvalidUTF8IsOneClearError: input that is not UTF-8 gets one error
// per line that says so and what to do, not the scanner's two
// ("illegal UTF-8 encoding", "illegal character U+FFFD").
func TestInvalidUTF8IsOneClearError(t *testing.T) {
	s := NewSession(typesys.New())
	_, err := s.Compile(s.NewCell("x := 1\ny := \xff\xfe 2\nz := \xc3"))
	var list ErrorList
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 2)
	assert.Equal(t, []int{2, 6}, []int{list[0].Line, list[0].Col})
	assert.Equal(t, []int{3, 6}, []int{list[1].Line, list[1].Col})
	text := list[0].Format("cell1")
	assert.Contains(t, text, "not UTF-8")
	assert.Contains(t, text, "0xff")
	assert.Contains(t, text, "iconv")
	assert.NotContains(t, text, "U+FFFD")
}

// TestAReplacementCharacterIsExplained: a terminal hands over bytes that are
// not UTF-8 as U+FFFD; outside a literal the error says what it stands for.
func TestAReplacementCharacterIsExplained(t *testing.T) {
	_, err := NewSession(typesys.New()).Compile(NewSource("cell1", "x := \uFFFD", false))
	var list ErrorList
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 1)
	assert.Contains(t, list[0].Msg, "not UTF-8 text")
	assert.Equal(t, 6, list[0].Col)
	assert.False(t, NeedsMore("x := \uFFFD"))
	_, err = NewSession(typesys.New()).Compile(NewSource("cell1", `s := "\uFFFD"`, false))
	assert.NoError(t, err, "in a string it is a character like any other")
}
