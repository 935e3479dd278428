package concurrency

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/notebook"
	"github.com/gophertutor/concurrency/internal/sidebyside"
	"github.com/gophertutor/concurrency/lessons"
)

const benchmarksPage = "docs/benchmarks.md"

// recordedTable is the table of docs/benchmarks.md as recorded: the body
// of its go run ./cmd/sidebyside cell.
func recordedTable(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(benchmarksPage)
	require.NoError(t, err)
	doc, err := notebook.Parse(string(data))
	require.NoError(t, err)
	for _, c := range doc.Cells {
		if c.Kind == notebook.Output && c.Source == "go run ./cmd/sidebyside" {
			return c.Body
		}
	}
	require.Fail(t, benchmarksPage+" has no output cell of go run ./cmd/sidebyside")
	return ""
}

// TestTheChartIsTheRecordedTable fails when docs/benchmarks.svg is not the
// chart of the table docs/benchmarks.md shows: go generate . draws it again.
func TestTheChartIsTheRecordedTable(t *testing.T) {
	want, err := sidebyside.ChartOf(recordedTable(t))
	require.NoError(t, err)
	got, err := os.ReadFile("docs/benchmarks.svg")
	require.NoError(t, err)
	assert.Equal(t, want, string(got), "docs/benchmarks.svg is not the chart of the table in %s: run go generate . (or go run ./cmd/sidebyside -chart-from %s -svg docs/benchmarks.svg)", benchmarksPage, benchmarksPage)
}

// TestTheTableHasEveryFigure fails when the recorded table lacks a figure
// the command measures, or has one it no longer does, or was recorded
// without Python or in the short form.
func TestTheTableHasEveryFigure(t *testing.T) {
	table := recordedTable(t)
	assert.NotContains(t, table, notebook.SkipMarker)
	assert.NotContains(t, table, "short form")
	rows, err := sidebyside.ParseTable(table)
	require.NoError(t, err)
	var got, want []string
	for _, r := range rows {
		assert.True(t, r.HasPython, "%s was recorded without its Python figure", r.ID)
		got = append(got, r.Lesson+" "+r.ID)
	}
	for _, f := range sidebyside.Figures() {
		want = append(want, f.Lesson+" "+f.ID)
	}
	assert.Equal(t, want, got, "the table in %s is not the command's: NOTEBOOK_RERECORD=1 go generate .", benchmarksPage)
}

// lessonSection is the anchor of a lesson's section in docs/benchmarks.md.
func lessonSection(number string) string { return "docs/benchmarks.md#lesson-" + number + "-" }

// TestEveryLessonLinksToItsRows fails when a lesson of lessons.All has no
// section in docs/benchmarks.md, or its README does not link to it.
func TestEveryLessonLinksToItsRows(t *testing.T) {
	page, err := os.ReadFile(benchmarksPage)
	require.NoError(t, err)
	for _, l := range lessons.All {
		if l.NoFigures != "" {
			continue // no rows to link to or make claims about
		}
		assert.Contains(t, string(page), "\n### Lesson "+l.Number+": ", "%s has no section for lesson %s", benchmarksPage, l.Number)
		readme, err := os.ReadFile(filepath.Join(l.Dir, "README.md"))
		require.NoError(t, err)
		assert.Contains(t, string(readme), "../../"+lessonSection(l.Number), "%s/README.md does not link to its rows in %s (its \"what it costs\" section should)", l.Dir, benchmarksPage)
	}
}

// claimFiles are the READMEs whose speed claims the table checks.
func claimFiles(t *testing.T) []string {
	files := []string{"playground/README.md"}
	for _, l := range lessons.All {
		files = append(files, filepath.Join(l.Dir, "README.md"))
	}
	return files
}

// TestLessonClaimsAgreeWithTheTable checks every claim a README states for
// the test (<!-- claim: ... -->, see docs/benchmarks.md) against the table
// as recorded, and that the paragraph of each claim links to the table.
func TestLessonClaimsAgreeWithTheTable(t *testing.T) {
	rows, err := sidebyside.ParseTable(recordedTable(t))
	require.NoError(t, err)
	total := 0
	for _, path := range claimFiles(t) {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		claims, err := sidebyside.Claims(string(data))
		require.NoError(t, err, path)
		paragraphs := paragraphOf(string(data))
		for _, c := range claims {
			total++
			assert.NoError(t, c.Check(rows), "%s: a README claims what the table in %s contradicts", path, benchmarksPage)
			assert.Contains(t, paragraphs[c.Line-1], "docs/benchmarks.md#", "%s:%d: a claim's paragraph links to its row in %s", path, c.Line, benchmarksPage)
		}
	}
	for _, l := range lessons.All {
		data, err := os.ReadFile(filepath.Join(l.Dir, "README.md"))
		require.NoError(t, err)
		claims, err := sidebyside.Claims(string(data))
		require.NoError(t, err)
		if l.NoFigures != "" {
			assert.Empty(t, claims, "%s/README.md states claims, but the lesson has no rows in %s (%s)", l.Dir, benchmarksPage, l.NoFigures)
			continue
		}
		assert.NotEmpty(t, claims, "%s/README.md states no claim about its rows of %s", l.Dir, benchmarksPage)
	}
	t.Log(fmt.Sprintf("%d claims checked", total))
}

// paragraphOf returns, for each line of text, the paragraph it is in.
func paragraphOf(text string) []string {
	lines := strings.Split(text, "\n")
	out := make([]string, len(lines))
	start := 0
	for i := 0; i <= len(lines); i++ {
		if i == len(lines) || strings.TrimSpace(lines[i]) == "" {
			p := strings.Join(lines[start:i], "\n")
			for j := start; j < i; j++ {
				out[j] = p
			}
			start = i + 1
		}
	}
	return out
}
