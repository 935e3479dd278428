package book

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/course"
)

func TestLessons(t *testing.T) {
	root, err := course.Root(".")
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(root, "go.mod"))
	lessons, err := Lessons(root)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(lessons), 3)
	assert.Equal(t, 0, lessons[0].Number)
	assert.Equal(t, "00-overview", lessons[0].Name)
	assert.Contains(t, lessons[0].Title, "Overview")
	cells, err := lessons[0].Cells()
	require.NoError(t, err)
	assert.Greater(t, len(cells), 10)
}

func TestTitle(t *testing.T) {
	assert.Equal(t, "Threads: goroutines", title("intro\n# Lesson 02 · Threads: goroutines\n# Other"))
	assert.Equal(t, "Plain", title("# Plain\n"))
}
