package fence

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOpen(t *testing.T) {
	for line, want := range map[string][2]string{
		"```go":     {"```", "go"},
		"  ```":     {"```", ""},
		"```` text": {"````", "text"},
	} {
		marks, info, ok := Open(line)
		assert.True(t, ok, line)
		assert.Equal(t, want, [2]string{marks, info}, line)
	}
	for _, line := range []string{"``", "text ```", "```go` x", "~~~", ""} {
		_, _, ok := Open(line)
		assert.False(t, ok, "%q opens no block", line)
	}
}

func TestEndAndCloses(t *testing.T) {
	lines := strings.Split("````md\n```go\nx\n```\n````\nafter", "\n")
	assert.Equal(t, 4, End(lines, 0), "a shorter fence inside does not close a longer one")
	assert.Equal(t, 3, End(lines, 1))
	assert.True(t, Closes("`````", "```"), "a longer fence closes")
	assert.False(t, Closes("``` go", "```"), "a closing fence has nothing after it")
	assert.Equal(t, 2, End([]string{"```", "never closed"}, 0), "an unclosed block runs to the end")
}

func TestOutside(t *testing.T) {
	lines := strings.Split("# a\n```\n# not a heading\n```\ntext\n```go\nunclosed", "\n")
	got := maps.Collect(Outside(lines))
	assert.Equal(t, map[int]string{0: "# a", 4: "text"}, got)
	for i := range Outside(lines) {
		assert.Equal(t, 0, i, "stops when the loop breaks")
		break
	}
	assert.Equal(t, []int{0, 4}, slices.Sorted(maps.Keys(got)))
}

func TestFor(t *testing.T) {
	assert.Equal(t, "```", For("plain"))
	assert.Equal(t, "````", For("```go\nx\n```"))
	assert.Equal(t, "`````", For("  ````"))
}
