package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/lessontest"
	"github.com/gophertutor/concurrency/internal/notebook"
	"github.com/gophertutor/concurrency/internal/sidebyside"
)

// asCommand, in the environment, makes this test binary the command: the
// tests run it as a learner would, and its children (this binary again)
// find their work in main's first lines.
const asCommand = "SIDEBYSIDE_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(asCommand) != "" {
		os.Args = append([]string{os.Args[0]}, strings.Fields(os.Getenv(asCommand))...)
		main()
		os.Exit(0)
	}
	lessontest.Main(m)
}

// command runs the command with args and returns what it printed.
func command(t *testing.T, args ...string) string {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.CommandContext(t.Context(), exe)
	cmd.Env = append(os.Environ(), asCommand+"="+strings.Join(args, " "))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return string(out)
}

func TestWithoutPythonItSaysSoAndPrintsTheGoColumn(t *testing.T) {
	out := command(t, "-short", "-python", "no-such-python3", "-only", "thread-start-join,pool-map")
	assert.True(t, strings.HasPrefix(out, notebook.SkipMarker+"no-such-python3 is not on PATH: the Go column alone"), out)
	rows, err := sidebyside.ParseTable(out)
	require.NoError(t, err)
	require.Len(t, rows, 2)
	for _, r := range rows {
		assert.False(t, r.HasPython)
		assert.Positive(t, r.Go)
	}
}

func TestTheChartIsDrawnFromThePrintedTable(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "chart.svg")
	out := command(t, "-short", "-python", "no-such-python3", "-only", "thread-start-join", "-svg", svg)
	chart, err := os.ReadFile(svg)
	require.NoError(t, err)
	want, err := sidebyside.ChartOf(out)
	require.NoError(t, err)
	assert.Equal(t, want, string(chart))

	page := filepath.Join(t.TempDir(), "page.md")
	require.NoError(t, os.WriteFile(page, []byte("<!-- output: go run ./cmd/sidebyside -->\n```console\n"+out+"```\n"), 0o644))
	assert.Equal(t, want, command(t, "-chart-from", page), "-chart-from draws the same chart from a page that shows the table")
}

func TestListMeasuresNothing(t *testing.T) {
	out := command(t, "-list", "05")
	assert.Contains(t, out, "stop-terminate")
	assert.Contains(t, out, "l05_termination.py")
	assert.NotContains(t, out, "pool-map")
}
