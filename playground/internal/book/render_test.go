package book

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRender(t *testing.T) {
	cells := Split(sample)
	assert.Equal(t, "Lesson 07 · Sample: a notebook\n"+
		"══════════════════════════════\n\n"+
		"Intro, on two lines.\n", Render(cells[0], Width))
	assert.Equal(t, "1. Code\n───────\n\n"+
		"Some prose.\n\n"+
		"    x := 1\n\n"+
		"  output:\n    $ go run ./x\n    1\n  (Recorded on linux.)\n", Render(cells[1], Width))
	assert.Contains(t, Render(cells[2], Width), "  playground cell (:run runs it, :edit changes it first):\n    go> x := 6\n")
}

func TestRenderWrapsProseAndListsAndKeepsTables(t *testing.T) {
	md := "### A small heading\n\n" +
		"A [link](#anchor) and a [web link](https://go.dev), **bold** <!-- hidden --> words that go on and on past the width.\n\n" +
		"- an item that is long enough\n  to wrap, continued\n- a second item\n\n" +
		"| a | b |\n| --- | --- |\n| `x` | [y](#y) |\n\n" +
		"```go\nfunc f() {\n\treturn\n}\n```\n"
	got := Render(Split(md)[0], 30)
	assert.Equal(t, "A small heading\n"+
		"···············\n\n"+
		"A link and a web link\n"+
		"<https://go.dev>, bold words\n"+
		"that go on and on past the\n"+
		"width.\n\n"+
		"- an item that is long enough\n"+
		"  to wrap, continued\n"+
		"- a second item\n\n"+
		"| a | b |\n"+
		"| `x` | y |\n\n"+
		"    func f() {\n"+
		"        return\n"+
		"    }\n", got)
	for _, line := range strings.Split(got, "\n") {
		assert.LessOrEqual(t, len([]rune(line)), 30, line)
	}
}
