package book

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sample = "# Lesson 07 · Sample: a notebook\n" +
	"\n" +
	"Intro, on\ntwo lines.\n" +
	"\n" +
	"## 1. Code\n" +
	"\n" +
	"Some prose.\n" +
	"\n" +
	"<!-- code: x.go -->\n" +
	"```go\n" +
	"x := 1\n" +
	"```\n" +
	"\n" +
	"<!-- output: go run ./x | sum=abc -->\n" +
	"```console\n" +
	"$ go run ./x\n" +
	"1\n" +
	"```\n" +
	"<sub>Recorded on linux.</sub>\n" +
	"\n" +
	"Prose after the output starts a cell.\n" +
	"\n" +
	"<!-- session | durations -->\n" +
	"```console\n" +
	"go> x := 6\n" +
	"go> func f() int {\n" +
	"...     return x * 7\n" +
	"... }\n" +
	"go> f()\n" +
	"42 // int\n" +
	"```\n" +
	"\n" +
	"<!-- session -->\n" +
	"\n" +
	"Prose between a marker and a fence: the marker is dropped.\n" +
	"\n" +
	"```\n" +
	"go> not a session\n" +
	"```\n"

func TestSplitGroupsHeadingsProseAndBlocks(t *testing.T) {
	cells := Split(sample)
	require.Len(t, cells, 4)

	assert.Equal(t, "Lesson 07 · Sample: a notebook", cells[0].Heading)
	assert.Equal(t, 1, cells[0].Level)
	require.Len(t, cells[0].Blocks, 1)
	assert.Equal(t, Block{Kind: Prose, Text: "Intro, on\ntwo lines."}, cells[0].Blocks[0])

	c := cells[1]
	assert.Equal(t, "1. Code", c.Heading)
	assert.Equal(t, 6, c.Line)
	require.Len(t, c.Blocks, 3, "the heading's prose, its code and the output")
	assert.Equal(t, []BlockKind{Prose, Code, Output}, []BlockKind{c.Blocks[0].Kind, c.Blocks[1].Kind, c.Blocks[2].Kind})
	assert.Equal(t, "x := 1", c.Blocks[1].Text)
	assert.Equal(t, "go", c.Blocks[1].Lang)
	assert.Equal(t, "<sub>Recorded on linux.</sub>", c.Blocks[2].Caption)
	assert.Empty(t, c.Sessions())

	c = cells[2]
	assert.Empty(t, c.Heading, "prose after a block continues the section")
	assert.Equal(t, "1. Code", c.Section)
	require.Len(t, c.Sessions(), 1)
	s := c.Sessions()[0]
	assert.Equal(t, []string{"x := 6", "func f() int {\n    return x * 7\n}", "f()"}, s.Inputs)
	assert.Equal(t, 26, s.Line, "the block's first line")
	require.NoError(t, s.Err)
	require.Len(t, s.Rules, 1)
	assert.Equal(t, "durations", s.Rules[0].Name)

	assert.Equal(t, Code, cells[3].Blocks[1].Kind, "a marker followed by prose marks nothing")
}

func TestSessionsAndRerecord(t *testing.T) {
	sessions := Sessions(sample)
	require.Len(t, sessions, 1)
	same, _ := sessions[0].Matches("go> x := 6\ngo> func f() int {\n...     return x * 7\n... }\ngo> f()\n42 // int\n")
	assert.True(t, same)
	same, diff := sessions[0].Matches("go> x := 6\ngo> f()\n41 // int\n")
	assert.False(t, same)
	assert.Contains(t, diff, "41")

	out, err := Rerecord(sample, []string{"go> f()\n43 // int\n"})
	require.NoError(t, err)
	assert.Contains(t, out, "<!-- session | durations -->\n```console\ngo> f()\n43 // int\n```\n")
	assert.NotContains(t, out, "42 // int")
	_, err = Rerecord(sample, nil)
	assert.Error(t, err)
}

func TestAMalformedSessionMarker(t *testing.T) {
	s := Sessions("<!-- session | sometimes -->\n```console\ngo> 1\n```\n")
	require.Len(t, s, 1)
	assert.ErrorContains(t, s[0].Err, `unknown rule "sometimes"`)
}

func TestEcho(t *testing.T) {
	assert.Equal(t, "go> if true {\n...     1\n... }\n", Echo("go> ", "if true {\n    1\n}"))
	s := Sessions("<!-- session -->\n```console\ngo> go f()\ngo[1]> x\n1 // int\ngo[12]x\n```\n")
	require.Len(t, s, 1)
	assert.Equal(t, []string{"go f()", "x"}, s[0].Inputs, "a prompt with a badge is a prompt; go[12]x is output")
}
