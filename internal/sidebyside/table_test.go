package sidebyside

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gophertutor/concurrency/internal/notebook"
)

func sampleReport(python bool) *Report {
	figs := Figures()
	rep := &Report{Go: "go1.26.8", CPUs: 2, Took: 75 * time.Second}
	if python {
		rep.Python = "3.11.7"
	} else {
		rep.NoPython = "python3 is not on PATH"
	}
	for i, f := range figs {
		r := Row{Figure: f, Size: f.Size, Go: 4.4e-6 * float64(i+1), HasPython: python, Python: 68e-6}
		if f.Kind == Speedup {
			r.Go, r.Python = 1.93, 1.01
		}
		rep.Rows = append(rep.Rows, r)
	}
	return rep
}

func TestTheTableReadsBackAsPrinted(t *testing.T) {
	var out bytes.Buffer
	rep := sampleReport(true)
	Format(&out, rep)
	rows, err := ParseTable(out.String())
	require.NoError(t, err)
	require.Len(t, rows, len(rep.Rows))
	for i, r := range rows {
		want := rep.Rows[i]
		assert.Equal(t, want.Figure.ID, r.ID)
		assert.Equal(t, want.Figure.Lesson, r.Lesson)
		assert.True(t, r.HasPython)
		assert.InEpsilon(t, want.Go, r.Go, 0.01, r.ID)
		assert.InEpsilon(t, want.Python, r.Python, 0.01, r.ID)
		assert.InEpsilon(t, want.Ratio(), r.Ratio, 0.01, r.ID)
	}
	assert.Contains(t, out.String(), "cpu-threads")
	assert.Contains(t, out.String(), "measured in 1m15s")
}

func TestWithoutPythonTheGoColumnAloneAndANote(t *testing.T) {
	var out bytes.Buffer
	Format(&out, sampleReport(false))
	first, _, _ := strings.Cut(out.String(), "\n")
	assert.Equal(t, notebook.SkipMarker+"python3 is not on PATH: the Go column alone (install Python 3.9+ to see both)", first)
	rows, err := ParseTable(out.String())
	require.NoError(t, err)
	for _, r := range rows {
		assert.False(t, r.HasPython, r.ID)
		assert.Positive(t, r.Go, r.ID)
	}
}

func TestValuesHaveThreeSignificantDigits(t *testing.T) {
	for v, want := range map[float64]string{68e-6: "68.0µs", 4.4e-6: "4.40µs", 0.58e-6: "580ns", 1.6034: "1.60s", 0.0025: "2.50ms", 123.4: "123s"} {
		assert.Equal(t, want, formatValue(PerOp, v))
	}
	assert.Equal(t, "1.73×", formatValue(Speedup, 1.7312))
	assert.Equal(t, "15.5×", formatFactor(15.46))
}

func TestTheChartHasABarPerFigureEachWay(t *testing.T) {
	rows := []Recorded{
		{Lesson: "01", ID: "faster-in-go", Python: 68e-6, Go: 4.4e-6, Ratio: 15.5, HasPython: true},
		{Lesson: "05", ID: "faster-in-python", Python: 0.5e-6, Go: 28e-6, Ratio: 0.02, HasPython: true},
		{Lesson: "pg", ID: "go-alone", Go: 1e-3},
	}
	svg := Chart("Measured on a test", rows)
	assert.True(t, strings.HasPrefix(svg, "<svg "))
	assert.Equal(t, 2, strings.Count(svg, `stroke="#306998"`), "a bar for each figure with both sides")
	assert.Contains(t, svg, `fill="#00ADD8"`)
	assert.Contains(t, svg, `fill="#FFD43B"`)
	assert.Contains(t, svg, "15.5×: Python 68.0µs, Go 4.40µs")
	assert.Contains(t, svg, "Go 1.00ms, no Python")
	for _, decade := range []string{">0.01×<", ">0.1×<", ">1×<", ">10×<", ">100×<"} {
		assert.Contains(t, svg, decade)
	}
	assert.Equal(t, svg, Chart("Measured on a test", rows), "the same table, the same picture")
}

func TestClaimsAreCheckedAgainstTheRows(t *testing.T) {
	rows := []Recorded{{ID: "pool-map", Python: 68e-6, Go: 4.4e-6, Ratio: 15.5, HasPython: true}}
	claims, err := Claims("a\n<!-- claim: pool-map ratio > 10 --> and <!-- claim: pool-map go < 10µs -->\n<!-- claim: pool-map python > 1ms -->\n<!-- claim: nothing ratio < 2 -->")
	require.NoError(t, err)
	require.Len(t, claims, 4)
	assert.NoError(t, claims[0].Check(rows))
	assert.NoError(t, claims[1].Check(rows))
	assert.ErrorContains(t, claims[2].Check(rows), "pool-map's python should be > 0.001, and the table says 6.8e-05")
	assert.ErrorContains(t, claims[3].Check(rows), "no figure nothing")
	_, err = Claims("<!-- claim: pool-map faster -->")
	assert.ErrorContains(t, err, "does not read as")
}
