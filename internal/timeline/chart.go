package timeline

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// DefaultWidth is the number of columns the examples give the time axis.
const DefaultWidth = 64

// header starts every chart; Parse looks for it.
const header = "timeline (1 column = "

// Chart draws the timeline as text whose time axis is at most width columns.
func (t *Timeline) Chart(width int) string {
	return Draw(t.Lanes(), t.Spans(), width)
}

// Draw draws spans as a swim-lane chart: one row per lane (in the order of
// lanes, then any lane not listed), time running left to right from 0 to the
// end of the last span. A span of one column is drawn "|", of two "[]", and
// longer ones "[label---]" with the label cut to fit, and its marks, if
// any, over the label: each one's character in the columns of its times,
// later marks over earlier ones.
func Draw(lanes []string, spans []Span, width int) string {
	width = max(width, 8)
	var total time.Duration
	for _, s := range spans {
		total = max(total, s.End)
	}
	if total <= 0 {
		return "timeline: nothing recorded\n"
	}
	// A round column width; the axis may run up to an eighth past width so
	// that 1.604 s still gets the column that suits 1.6 s.
	col := niceCeil(total / time.Duration(width+width/8))
	cols := int((total + col - 1) / col)
	cell := func(d time.Duration) int { return int(math.Round(float64(d) / float64(col))) }

	lanes = withSpanLanes(lanes, spans)
	nameWidth := 0
	for _, l := range lanes {
		nameWidth = max(nameWidth, len(l))
	}
	nameWidth += 2

	var b strings.Builder
	fmt.Fprintf(&b, "%s%v)\n", header, col)
	ticks, ruler := axis(total, col, cols)
	b.WriteString(strings.Repeat(" ", nameWidth) + strings.TrimRight(ticks, " ") + "\n")
	b.WriteString(strings.Repeat(" ", nameWidth) + ruler + "\n")
	for _, lane := range lanes {
		row := []byte(strings.Repeat(" ", cols+1))
		for _, s := range spans {
			if s.Lane != lane {
				continue
			}
			from, to := cell(s.Start), cell(s.End)
			if to <= from {
				to = from + 1
			}
			if to > len(row) {
				row = append(row, []byte(strings.Repeat(" ", to-len(row)))...)
			}
			drawSpan(row[from:to], s.Label)
			drawMarks(row[from:to], s.Marks, from, cell)
		}
		b.WriteString(fmt.Sprintf("%-*s", nameWidth, lane) + strings.TrimRight(string(row), " ") + "\n")
	}
	return b.String()
}

func drawSpan(cells []byte, label string) {
	switch n := len(cells); n {
	case 1:
		cells[0] = '|'
	case 2:
		cells[0], cells[1] = '[', ']'
	default:
		if len(label) > n-2 {
			label = label[:n-2]
		}
		copy(cells, "["+label+strings.Repeat("-", n-2-len(label))+"]")
	}
}

// drawMarks shades the columns inside a span's brackets; the span starts
// at column from, and cell gives a time's column.
func drawMarks(cells []byte, marks []Mark, from int, cell func(time.Duration) int) {
	if len(cells) < 3 {
		return
	}
	for _, m := range marks {
		a, b := cell(m.Start)-from, cell(m.End)-from
		if b <= a {
			b = a + 1
		}
		for c := max(a, 1); c < min(b, len(cells)-1); c++ {
			cells[c] = m.Char
		}
	}
}

// withSpanLanes appends the lanes that have spans but are not in lanes.
func withSpanLanes(lanes []string, spans []Span) []string {
	seen := make(map[string]bool, len(lanes))
	out := append([]string(nil), lanes...)
	for _, l := range lanes {
		seen[l] = true
	}
	for _, s := range spans {
		if !seen[s.Lane] {
			seen[s.Lane] = true
			out = append(out, s.Lane)
		}
	}
	return out
}

// axis returns the tick labels and the ruler under them: "|" at both ends,
// "+" at each tick.
func axis(total, col time.Duration, cols int) (ticks, ruler string) {
	step := tickStep(total, col)
	r := []byte(strings.Repeat("-", cols+1))
	labels := []byte(strings.Repeat(" ", cols+16))
	free := 0 // first column where a label may start
	for t := time.Duration(0); t <= total+col/2; t += step {
		c := int(math.Round(float64(t) / float64(col)))
		if c > cols {
			break
		}
		r[c] = '+'
		text := t.String()
		if c >= free {
			copy(labels[c:], text)
			free = c + len(text) + 1
		}
	}
	r[0], r[cols] = '|', '|'
	return string(labels), string(r)
}

// tickStep is the smallest round multiple of col that puts about four
// steps (at most four and a half) between 0 and total, so ticks fall on
// whole columns.
func tickStep(total, col time.Duration) time.Duration {
	for k := time.Duration(1); ; k++ {
		step := k * col
		if step*9 >= total*2 && isNice(step) {
			return step
		}
	}
}

// isNice reports whether d is 1, 2, 2.5, 4 or 5 times a power of ten.
func isNice(d time.Duration) bool {
	for d%10 == 0 {
		d /= 10
	}
	return d == 1 || d == 2 || d == 4 || d == 5 || d == 25
}

// niceCeil rounds d up to 1, 2, 2.5 or 5 times a power of ten.
func niceCeil(d time.Duration) time.Duration {
	if d <= 0 {
		return 1
	}
	pow := time.Duration(1)
	for pow*10 <= d {
		pow *= 10
	}
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if c := time.Duration(m * float64(pow)); c >= d {
			return c
		}
	}
	return 10 * pow
}
