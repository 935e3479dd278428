package course

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRootIsFoundFromBelow(t *testing.T) {
	want, err := filepath.Abs("../../..")
	require.NoError(t, err)
	got, err := Root(".")
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

func TestRootOutsideTheCourse(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module other\n"), 0o644))
	_, err := Root(dir)
	assert.ErrorIs(t, err, ErrNoRoot)
	assert.Contains(t, err.Error(), "run the playground from the course's directory")
}

func TestGoToolSaysWhatNeededIt(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := GoTool(":race")
	assert.ErrorIs(t, err, ErrNoGo)
	assert.ErrorContains(t, err, ":race needs the go command")
}
