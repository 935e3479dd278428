package sidebyside

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gophertutor/concurrency/internal/notebook"
)

// header is the table's first line, and what ParseTable looks for.
const header = "lesson  figure"

// Format prints the report: where it ran, how to read the ratio, one row
// per figure and how long it all took. Without Python the first line is a
// notebook.SkipMarker line (a notebook cannot record such a run) saying so,
// and the Python and ratio columns are empty.
func Format(w io.Writer, rep *Report) {
	if rep.Python == "" {
		fmt.Fprintf(w, "%s%s: the Go column alone (install Python 3.9+ to see both)\n", notebook.SkipMarker, rep.NoPython)
	}
	python := "no Python"
	if rep.Python != "" {
		python = "Python " + rep.Python
	}
	form := ""
	if rep.Short {
		form = ", short form (small sizes, one round: not figures to quote)"
	}
	fmt.Fprintf(w, titlePrefix+"this machine, %d CPUs: %s, Go %s%s\n", rep.CPUs, python, strings.TrimPrefix(rep.Go, "go"), form)
	fmt.Fprintln(w, "ratio: how many times better Go did, Python's time ÷ Go's (or Go's speedup ÷ Python's); below 1, Python did better")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-6s  %-25s  %-9s  %-9s  %-7s  %s\n", "lesson", "figure", "Python", "Go", "ratio", "what it measures, with n")
	for _, r := range rep.Rows {
		py, ratio := "—", "—"
		if r.HasPython {
			py, ratio = formatValue(r.Figure.Kind, r.Python), formatFactor(r.Ratio())
		}
		fmt.Fprintf(w, "%-6s  %-25s  %-9s  %-9s  %-7s  %s, n=%d\n", r.Figure.Lesson, r.Figure.ID, py, formatValue(r.Figure.Kind, r.Go), ratio, r.Figure.What, r.Size)
	}
	fmt.Fprintf(w, "\nmeasured in %v\n", rep.Took.Round(time.Second))
}

// formatValue writes a time as a duration, a speedup as a factor, each
// with three significant digits.
func formatValue(k Kind, v float64) string {
	if k == Speedup {
		return formatFactor(v)
	}
	units := []struct {
		name  string
		scale float64
	}{{"s", 1}, {"ms", 1e-3}, {"µs", 1e-6}, {"ns", 1e-9}}
	for _, u := range units {
		if v >= u.scale || u.name == "ns" {
			return sig3(v/u.scale) + u.name
		}
	}
	return ""
}

func formatFactor(v float64) string { return sig3(v) + "×" }

// sig3 writes v with three significant digits.
func sig3(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

// Recorded is a row read back from a printed table.
type Recorded struct {
	Lesson, ID string
	// Python, Go and Ratio are as printed; HasPython is false for "—".
	Python, Go, Ratio float64
	HasPython         bool
	// Kind is the figure's, from the units printed.
	Kind Kind
}

var columns = regexp.MustCompile(`\s{2,}`)

// ParseTable reads the rows of a table that Format printed (in a
// notebook's output cell, for instance).
func ParseTable(text string) ([]Recorded, error) {
	lines := strings.Split(text, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, header) {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("sidebyside: no table (a line starting %q)", header)
	}
	var rows []Recorded
	for _, l := range lines[start:] {
		if strings.TrimSpace(l) == "" {
			break
		}
		cols := columns.Split(l, 6)
		if len(cols) < 6 {
			return nil, fmt.Errorf("sidebyside: a table row with %d columns, not 6: %q", len(cols), l)
		}
		r := Recorded{Lesson: cols[0], ID: cols[1]}
		var err error
		if r.Go, r.Kind, err = parseValue(cols[3]); err != nil {
			return nil, err
		}
		if cols[2] != "—" {
			r.HasPython = true
			if r.Python, _, err = parseValue(cols[2]); err != nil {
				return nil, err
			}
			if r.Ratio, _, err = parseValue(cols[4]); err != nil {
				return nil, err
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func parseValue(s string) (float64, Kind, error) {
	if f, ok := strings.CutSuffix(s, "×"); ok {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return 0, Speedup, fmt.Errorf("sidebyside: %q is not a factor: %w", s, err)
		}
		return v, Speedup, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, PerOp, fmt.Errorf("sidebyside: %q is not a time: %w", s, err)
	}
	return d.Seconds(), PerOp, nil
}

// titlePrefix starts the table's line that says where it was measured.
const titlePrefix = "Python beside Go on "

// ChartOf draws the chart of a table that Format printed: the picture of
// exactly what the table says.
func ChartOf(table string) (string, error) {
	rows, err := ParseTable(table)
	if err != nil {
		return "", err
	}
	title := ""
	for line := range strings.Lines(table) {
		if t, ok := strings.CutPrefix(strings.TrimSpace(line), titlePrefix+"this machine, "); ok {
			title = "Measured with " + t
			break
		}
	}
	return Chart(title, rows), nil
}

// List prints the figures of a lesson, measuring nothing: what each
// measures, its sizes and its Python program.
func List(w io.Writer, lesson string) {
	fmt.Fprintf(w, "%-25s  %-18s  %s\n", "figure", "Python program", "what it measures (n: full size, short size)")
	for _, f := range Figures() {
		if f.Lesson == lesson {
			fmt.Fprintf(w, "%-25s  %-18s  %s (n: %d, %d)\n", f.ID, f.Python(), f.What, f.Size, f.Short)
		}
	}
}
