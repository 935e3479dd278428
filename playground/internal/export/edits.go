package export

import (
	"sort"
	"strings"
)

// edit replaces text[start:end] of a piece.
type edit struct {
	start, end int
	text       string
}

// apply applies edits to text, which starts at offset base of its piece.
func apply(text string, eds []edit, base int) string {
	sort.Slice(eds, func(i, j int) bool { return eds[i].start < eds[j].start })
	var b strings.Builder
	at := 0
	for _, e := range eds {
		s, end := e.start-base, e.end-base
		if s < at || end > len(text) {
			continue
		}
		b.WriteString(text[at:s] + e.text)
		at = end
	}
	return b.String() + text[at:]
}
