package book

import (
	"os"
	"path/filepath"
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

func TestDefaultProgressPath(t *testing.T) {
	t.Setenv(ProgressEnv, "")
	assert.Empty(t, DefaultProgressPath())
	t.Setenv(ProgressEnv, "/x/y.json")
	assert.Equal(t, "/x/y.json", DefaultProgressPath())
}

// Each clone keeps its own progress: two clones, two files.
func TestProgressIsKeptPerClone(t *testing.T) {
	cache := t.TempDir()
	a, b := ProgressPath(cache, "/home/me/concurrency"), ProgressPath(cache, "/home/me/other/concurrency")
	assert.NotEqual(t, a, b)
	assert.Equal(t, a, ProgressPath(cache, "/home/me/concurrency/"), "the same clone, the same file")
	assert.Regexp(t, `^concurrency-[0-9a-f]{12}\.json$`, filepath.Base(a))

	t.Setenv(ProgressEnv, "/x/y.json")
	assert.Equal(t, "/x/y.json", DefaultProgressPath(), "the environment wins")
	require.NoError(t, os.Unsetenv(ProgressEnv)) // t.Setenv restores it
	root, err := course.WorkingRoot()
	require.NoError(t, err)
	cacheDir, err := os.UserCacheDir()
	require.NoError(t, err)
	assert.Equal(t, ProgressPath(cacheDir, root), DefaultProgressPath())
}
