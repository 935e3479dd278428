package concurrency

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/internal/notebook"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

// TestREADME checks the README's output cell, and the cells of
// docs/benchmarks.md (the side-by-side table), against a fresh run.
func TestREADME(t *testing.T) {
	t.Run("README.md", func(t *testing.T) { notebook.Verify(t, "README.md") })
	t.Run("docs/benchmarks.md", func(t *testing.T) { notebook.Verify(t, "docs/benchmarks.md") })
}

func TestLinks(t *testing.T) {
	docs, err := filepath.Glob("docs/*.md")
	require.NoError(t, err)
	lessons, err := filepath.Glob("lessons/*/README.md")
	require.NoError(t, err)
	for _, path := range append(append([]string{"README.md"}, docs...), lessons...) {
		notebook.VerifyLinks(t, path)
	}
}

// TestLessonMapListsEveryLesson fails when a lesson folder exists that the
// README's lesson map does not link to, or a lesson marked ready has no folder.
func TestLessonMapListsEveryLesson(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	dirs, err := filepath.Glob("lessons/[0-9][0-9]-*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		link := "](" + filepath.ToSlash(dir) + "/README.md)"
		assert.True(t, strings.Contains(string(readme), link), "the lesson map does not link %s", dir)
	}
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "| 0") && strings.HasSuffix(line, "| ready |") {
			assert.Contains(t, line, "](lessons/", "a ready lesson links to its folder: %s", line)
		}
	}
}

// TestTheTwoCommands keeps the README's two commands the ones the course
// promises: the playground, and the lessons' tests.
func TestTheTwoCommands(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	start := strings.Index(string(readme), "## Start here")
	require.GreaterOrEqual(t, start, 0)
	section := string(readme)[start:]
	section = section[:strings.Index(section[1:], "\n## ")+1]
	assert.Contains(t, section, "```\ngo run ./playground\n```")
	assert.Contains(t, section, "```\ngo test ./lessons/...\n```")
	assert.FileExists(t, "playground/main.go")
}
