package sidebyside

import (
	"fmt"
	"html"
	"math"
	"strings"
)

// Chart draws rows as an SVG picture: one bar per figure, the ratio on a
// log scale from 1× (right: Go did better, in Go's blue; left: Python did,
// in Python's yellow), with both figures written beside it. title is its
// first line (where the figures were measured).
func Chart(title string, rows []Recorded) string {
	const (
		left, plot, right = 230, 420, 250 // label column, plot, figures column
		top, rowH         = 70, 22
	)
	width := left + plot + right
	height := top + rowH*len(rows) + 40
	lo, hi := -1.0, 1.0 // decades shown on each side of 1×
	for _, r := range rows {
		if r.HasPython && r.Ratio > 0 {
			e := math.Log10(r.Ratio)
			lo, hi = math.Min(lo, math.Floor(e)), math.Max(hi, math.Ceil(e))
		}
	}
	x := func(ratio float64) float64 {
		e := math.Max(lo, math.Min(hi, math.Log10(ratio)))
		return left + (e-lo)/(hi-lo)*plot
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`, width, height, width, height)
	p(`<rect width="100%%" height="100%%" fill="#ffffff"/>`)
	p(`<text x="10" y="22" font-size="15" font-weight="bold">How many times better Go did than Python (log scale)</text>`)
	p(`<text x="10" y="42">%s</text>`, html.EscapeString(title))
	p(`<text x="%.1f" y="%d" text-anchor="end" fill="#555">◀ Python better</text>`, x(1)-6, top-8)
	p(`<text x="%.1f" y="%d" fill="#555">Go better ▶</text>`, x(1)+6, top-8)
	bottom := top + rowH*len(rows)
	band := 0 // lessons alternate between a white and a grey band
	for i, r := range rows {
		if i > 0 && r.Lesson != rows[i-1].Lesson {
			band++
		}
		if band%2 == 1 {
			p(`<rect x="0" y="%d" width="%d" height="%d" fill="#f3f5f7"/>`, top+rowH*i, width, rowH)
		}
	}
	for e := lo; e <= hi; e++ {
		gx := left + (e-lo)/(hi-lo)*plot
		stroke := "#dddddd"
		if e == 0 {
			stroke = "#333333"
		}
		p(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>`, gx, top, gx, bottom, stroke)
		p(`<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s×</text>`, gx, bottom+16, trimFloat(math.Pow(10, e)))
	}
	for i, r := range rows {
		y := top + rowH*i
		p(`<text x="%d" y="%d" text-anchor="end">%s %s</text>`, left-8, y+15, r.Lesson, html.EscapeString(r.ID))
		figures := "Go " + formatValue(r.Kind, r.Go) + ", no Python"
		if r.HasPython {
			x0, x1 := x(1), x(r.Ratio)
			fill := "#00ADD8"
			if x1 < x0 {
				x0, x1, fill = x1, x0, "#FFD43B"
			}
			p(`<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#306998" stroke-width="0.5"/>`, x0, y+4, math.Max(x1-x0, 1), rowH-8, fill)
			figures = fmt.Sprintf("%s: Python %s, Go %s", formatFactor(r.Ratio), formatValue(r.Kind, r.Python), formatValue(r.Kind, r.Go))
		}
		p(`<text x="%d" y="%d">%s</text>`, left+plot+10, y+15, figures)
	}
	p(`</svg>`)
	return b.String()
}

// trimFloat writes 0.01, 0.1, 1, 10, 100 without trailing zeros.
func trimFloat(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.4f", v), "0"), ".")
}
