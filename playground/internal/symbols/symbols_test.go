package symbols

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/playground/internal/symgen"
)

func TestMain(m *testing.M) {
	RunChildGuards()
	lessontest.Main(m)
}

// TestGeneratedSymbolsAreFresh regenerates the symbols of the course's
// packages and compares them with the files here: after changing a
// lesson, or adding one, run go generate ./playground/internal/symbols.
func TestGeneratedSymbolsAreFresh(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	wd, err := os.Getwd()
	require.NoError(t, err)
	root, err := symgen.ModuleRoot(wd)
	require.NoError(t, err)
	res, err := symgen.Generate(ctx, root)
	require.NoError(t, err)

	onDisk, err := filepath.Glob(symgen.FilePrefix + "*.go")
	require.NoError(t, err)
	var want []string
	for name := range res.Files {
		want = append(want, name)
	}
	sort.Strings(want)
	sort.Strings(onDisk)
	const fix = "the generated symbols are stale: run go generate ./playground/internal/symbols"
	require.Equal(t, want, onDisk, fix)
	for _, name := range want {
		got, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, string(res.Files[name]), string(got), "%s: %s", name, fix)
	}
}

func TestEveryLessonPackageIsImportable(t *testing.T) {
	for _, path := range []string{
		"github.com/gophertutor/concurrency/lessons/00-overview",
		"github.com/gophertutor/concurrency/lessons/01-processes",
	} {
		name, syms, ok := Lookup(path)
		require.True(t, ok, path)
		assert.NotEmpty(t, syms)
		assert.Contains(t, Packages, path)
		assert.Equal(t, name, Packages[path].Name)
	}
	_, ok := Symbols["github.com/gophertutor/concurrency/lessons/00-overview/overview"]["RunChildIfRequested"]
	assert.True(t, ok)
	assert.NotEmpty(t, ChildGuards, "lesson 00's child guard is generated into the list")
}

func TestStandardLibraryWithTheUnrestrictedParts(t *testing.T) {
	for _, p := range []string{"fmt", "os/exec", "os/signal", "syscall", "sync"} {
		_, _, ok := Lookup(p)
		assert.True(t, ok, p)
	}
	_, syms, _ := Lookup("os")
	assert.True(t, syms["Exit"].IsValid())
}
