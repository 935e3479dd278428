package book

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/playground/internal/course"
)

func TestProgressIsKeptInAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "progress.json")
	p, err := LoadProgress(path)
	require.NoError(t, err)
	assert.Equal(t, Position{}, p.Get("00-overview"))
	require.NoError(t, p.Set("00-overview", 4))
	require.NoError(t, p.Set("00-overview", 2))

	again, err := LoadProgress(path)
	require.NoError(t, err)
	assert.Equal(t, Position{Cell: 2, Seen: 5}, again.Get("00-overview"), "the place, and how far the learner got")
	assert.Equal(t, Position{}, again.Get("01-processes"))
}

func TestProgressInMemoryAndBroken(t *testing.T) {
	p, err := LoadProgress("")
	require.NoError(t, err)
	require.NoError(t, p.Set("x", 1))
	assert.Equal(t, Position{Cell: 1, Seen: 2}, p.Get("x"))

	path := filepath.Join(t.TempDir(), "progress.json")
	require.NoError(t, os.WriteFile(path, []byte("{not json"), 0o644))
	p, err = LoadProgress(path)
	assert.ErrorContains(t, err, "read the lessons' progress")
	require.NotNil(t, p, "a broken file still gives an empty progress")
	require.NoError(t, p.Set("x", 0), "and is written anew")
}

// A progress file that cannot be written is said once; the progress is
// then kept in memory.
func TestProgressThatCannotBeSavedIsSaidOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	p, _ := LoadProgress(filepath.Join(file, "progress.json")) // under a file: never readable nor writable
	require.NotNil(t, p)
	assert.ErrorContains(t, p.Set("x", 1), "kept in memory from now on")
	assert.NoError(t, p.Set("x", 2), "said once")
	assert.Equal(t, Position{Cell: 2, Seen: 3}, p.Get("x"))
}

func TestDefaultProgressPath(t *testing.T) {
	t.Setenv(ProgressEnv, "")
	assert.Empty(t, DefaultProgressPath())
	t.Setenv(ProgressEnv, "/x/y.json")
	assert.Equal(t, "/x/y.json", DefaultProgressPath())
}

// Each clone keeps its own progress, in a file of its own that git
// ignores: two clones, two files; a clone made again where one was
// removed starts afresh.
func TestProgressIsKeptPerClone(t *testing.T) {
	t.Setenv(ProgressEnv, "/x/y.json")
	assert.Equal(t, "/x/y.json", DefaultProgressPath(), "the environment wins")
	require.NoError(t, os.Unsetenv(ProgressEnv)) // t.Setenv restores it

	clone := func(dir string) string {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "lessons"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+course.Module+"\n"), 0o644))
		t.Chdir(filepath.Join(dir, "lessons"))
		return DefaultProgressPath()
	}
	base := t.TempDir()
	a := clone(filepath.Join(base, "a"))
	assert.Equal(t, filepath.Join(base, "a", ProgressFile), a, "in the clone's root, wherever the playground starts in it")
	p, err := LoadProgress(a)
	require.NoError(t, err)
	require.NoError(t, p.Set("00-overview", 2))

	b := clone(filepath.Join(base, "b"))
	p, err = LoadProgress(b)
	require.NoError(t, err)
	assert.Equal(t, Position{}, p.Get("00-overview"), "another clone has its own progress")

	require.NoError(t, os.RemoveAll(filepath.Join(base, "a")))
	p, err = LoadProgress(clone(filepath.Join(base, "a")))
	require.NoError(t, err)
	assert.Equal(t, Position{}, p.Get("00-overview"), "a fresh clone where the old one was starts afresh")

	t.Chdir(base)
	assert.Empty(t, DefaultProgressPath(), "outside a clone, in memory")
}

// The progress file is never committed: the course's .gitignore names it.
func TestTheProgressFileIsIgnored(t *testing.T) {
	root, err := course.WorkingRoot()
	require.NoError(t, err)
	ignore, err := os.ReadFile(filepath.Join(root, ".gitignore"))
	require.NoError(t, err)
	assert.Contains(t, strings.Split(string(ignore), "\n"), "/"+ProgressFile)
}
