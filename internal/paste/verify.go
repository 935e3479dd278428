package paste

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Verify pastes the solutions in solutionsDir into the stubs in
// exercisesDir (without changing either) and runs the exercise tests on
// the result: every test must pass, none may skip. Both directories are
// relative to the calling test's package directory; root is the module root.
func Verify(t *testing.T, root, exercisesDir, solutionsDir string) {
	if testing.Short() {
		t.Skip("-short: not building the exercises with the solutions pasted in")
	}
	files, err := Overlay(exercisesDir, solutionsDir)
	require.NoError(t, err)
	require.NotEmpty(t, files, "no solution matches a stub in %s", exercisesDir)
	overlay, err := WriteOverlay(t.TempDir(), files)
	require.NoError(t, err)

	pkg, err := filepath.Abs(exercisesDir)
	require.NoError(t, err)
	goBin, err := exec.LookPath("go")
	require.NoError(t, err)
	cmd := exec.CommandContext(t.Context(), goBin, "test", "-count=1", "-json", "-overlay="+overlay, pkg)
	cmd.Dir = root
	out, runErr := cmd.CombinedOutput()

	results := map[string]string{} // test name → pass, fail or skip
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var ev struct{ Action, Test string }
		if json.Unmarshal(sc.Bytes(), &ev) == nil && ev.Test != "" {
			switch ev.Action {
			case "pass", "fail", "skip":
				results[ev.Test] = ev.Action
			}
		}
	}
	require.NoError(t, runErr, "the exercises with the solutions pasted in do not pass:\n%s", out)
	require.NotEmpty(t, results, "no exercise test ran:\n%s", out)
	for name, action := range results {
		assert.Equal(t, "pass", action, "%s with its solution pasted in", name)
	}
	t.Logf("pasted %d files; %d exercise tests passed", len(files), len(results))
}
