package anchors

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAnchors(t *testing.T) {
	md := "# Lesson 00 · overview\n## Exercise 1: squares and cubes, side by side\n```go\n# not a heading\n```\n## Notes\n## Notes\n"
	a := In(md)
	for _, want := range []string{"lesson-00--overview", "exercise-1-squares-and-cubes-side-by-side", "notes", "notes-1"} {
		assert.True(t, a[want], want)
	}
	assert.False(t, a["not-a-heading"])
}
