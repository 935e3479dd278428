package sidebyside

import (
	"bytes"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cheap are figures of every kind that take little time in the short form.
var cheap = []string{"thread-start-join", "pool-map", "cpu-threads", "download"}

func TestRunWithoutPythonMeasuresTheGoSide(t *testing.T) {
	rep, err := Run(t.Context(), Options{Short: true, Python: "no-such-python3", Only: cheap})
	require.NoError(t, err)
	assert.Equal(t, "no-such-python3 is not on PATH", rep.NoPython)
	require.Len(t, rep.Rows, len(cheap))
	for _, r := range rep.Rows {
		assert.False(t, r.HasPython, r.Figure.ID)
		assert.Positive(t, r.Go, r.Figure.ID)
		assert.Equal(t, r.Figure.Short, r.Size, r.Figure.ID)
	}
}

func TestRunMeasuresBothSides(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	rep, err := Run(t.Context(), Options{Short: true, Only: cheap})
	require.NoError(t, err)
	assert.NotEmpty(t, rep.Python)
	require.Len(t, rep.Rows, len(cheap))
	for _, r := range rep.Rows {
		assert.True(t, r.HasPython, r.Figure.ID)
		assert.Positive(t, r.Python, r.Figure.ID)
		assert.Positive(t, r.Go, r.Figure.ID)
	}
	var out bytes.Buffer
	Format(&out, rep)
	rows, err := ParseTable(out.String())
	require.NoError(t, err)
	assert.Len(t, rows, len(cheap))
}

func TestRunRefusesAFigureItDoesNotHave(t *testing.T) {
	_, err := Run(t.Context(), Options{Short: true, Python: "no-such-python3", Only: []string{"pool-map", "warp-speed"}})
	assert.ErrorContains(t, err, `sidebyside: no figure is called "warp-speed"`)
}
