package paste

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
)

func TestMain(m *testing.M) { lessontest.Main(m) }

func write(t *testing.T, dir, name, src string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
}

func TestOverlayPastesDeclarationsAndFixesImports(t *testing.T) {
	dir := t.TempDir()
	stubs, sols := filepath.Join(dir, "ex"), filepath.Join(dir, "sol")
	write(t, stubs, "a.go", `package ex

import "example.com/harness"

// Double doubles.
func Double(n int) int {
	harness.TODO()
	return 0
}

// Keep is not in the solutions.
func Keep() {}
`)
	write(t, stubs, "b.go", "package ex\n\nfunc Untouched() {}\n")
	write(t, sols, "a.go", `package sol

import (
	"strconv"
	"sync"
)

// Double is the answer.
func Double(n int) int {
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	_ = strconv.Itoa(n)
	return 2 * n
}
`)
	files, err := Overlay(stubs, sols)
	require.NoError(t, err)
	require.Len(t, files, 1, "only the file with a solution changes")
	abs, err := filepath.Abs(filepath.Join(stubs, "a.go"))
	require.NoError(t, err)
	got := string(files[abs])
	assert.Contains(t, got, "// Double doubles.\nfunc Double(n int) int {\n\tvar mu sync.Mutex")
	assert.Contains(t, got, `"strconv"`)
	assert.Contains(t, got, `"sync"`)
	assert.NotContains(t, got, "harness", "the TODO's import is gone with the TODO")
	assert.Contains(t, got, "func Keep() {}")

	overlay, err := WriteOverlay(t.TempDir(), files)
	require.NoError(t, err)
	assert.FileExists(t, overlay)
}
