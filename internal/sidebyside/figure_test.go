package sidebyside

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/lessons"
)

// TestEveryLessonHasItsFigures fails when a lesson of lessons.All has no
// row in the table: a new lesson adds its figures (a Python program and
// its Go twin, here) and a section of docs/benchmarks.md, unless the
// Python series has nothing to set beside it (its NoFigures says why).
func TestEveryLessonHasItsFigures(t *testing.T) {
	for _, l := range lessons.All {
		if l.NoFigures != "" {
			continue
		}
		assert.Contains(t, Lessons(), l.Number, "lesson %s (%s) has no figures: add %s's Python program and its Go twin to internal/sidebyside", l.Number, l.Dir, l.Dir)
	}
}

var pythonKeyRE = regexp.MustCompile(`(?m)^    "([a-z0-9-]+)": `)

// TestEveryFigureHasItsPythonTwin checks that every Go figure has a
// function in its lesson's Python program, and every Python figure a Go
// twin.
func TestEveryFigureHasItsPythonTwin(t *testing.T) {
	programs := Programs()
	seen := map[string]bool{}
	for _, f := range Figures() {
		require.False(t, seen[f.ID], "two figures are called %s", f.ID)
		seen[f.ID] = true
		text, ok := programs[f.Python()]
		require.True(t, ok, "%s: no Python program %q", f.ID, f.Python())
		assert.Contains(t, text, `    "`+f.ID+`": `, "%s has no %s in FIGURES", f.Python(), f.ID)
		assert.Equal(t, f.Kind == Speedup, strings.HasPrefix(f.ID, "cpu-"), "%s: a speedup's name starts cpu- (common.py keeps the greatest of its rounds), and only a speedup's", f.ID)
		assert.Equal(t, f.Kind == Speedup, f.Work != nil, "%s: a speedup has Work, and only a speedup", f.ID)
		assert.Equal(t, f.Kind != Speedup, f.Go != nil, "%s: a time has Go, and only a time", f.ID)
		assert.Positive(t, f.Size, f.ID)
		assert.Positive(t, f.Short, f.ID)
		assert.LessOrEqual(t, f.Short, f.Size, f.ID)
		assert.NotContains(t, f.What, "  ", "%s: a double space would split the table's last column", f.ID)
	}
	for name, text := range programs {
		for _, m := range pythonKeyRE.FindAllStringSubmatch(text, -1) {
			assert.True(t, seen[m[1]], "%s measures %s, which has no Go twin in Figures", name, m[1])
		}
	}
}
