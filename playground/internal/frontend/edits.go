package frontend

import (
	"sort"
	"strings"
)

// edit changes the source text [start, end): an insertion when start ==
// end. Its text is fixed, or computed by fn from the rewritten text of a
// part of the region it replaces (to move code, rewritten, elsewhere).
type edit struct {
	start, end int
	text       string
	fn         func(render func(start, end int) string) string
	seq        int
}

// edits is the list of changes to one source.
type edits struct {
	src  *Source
	list []edit
}

func (es *edits) insert(at int, text string) { es.replace(at, at, text) }

func (es *edits) replace(start, end int, text string) {
	es.list = append(es.list, edit{start: start, end: end, text: text, seq: len(es.list)})
}

func (es *edits) replaceFunc(start, end int, fn func(render func(start, end int) string) string) {
	es.list = append(es.list, edit{start: start, end: end, fn: fn, seq: len(es.list)})
}

// sorted returns the edits in order of position. At one position come
// first the insertions, in the order they were made, then the
// replacements, the widest first: it contains the others.
func (es *edits) sorted() []edit {
	list := append([]edit(nil), es.list...)
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if ia, ib := a.start == a.end, b.start == b.end; ia != ib {
			return ia
		}
		if a.end != b.end {
			return a.end > b.end
		}
		return a.seq < b.seq
	})
	return list
}

// apply returns src[start:end] with the edits inside it made, and a
// //line directive after each, so that the code that follows an edit keeps
// its position in the source. Insertions at end count as inside when
// atEnd is set.
func (es *edits) apply(start, end int, atEnd bool) string {
	var b strings.Builder
	pos := start
	for _, e := range es.sorted() {
		if e.start < pos || e.end > end || (e.start == end && !atEnd && end > start) {
			continue // outside, or inside an edit already made
		}
		b.WriteString(es.src.Text[pos:e.start])
		text := e.text
		if e.fn != nil {
			text = e.fn(func(s, t int) string { return es.apply(s, t, false) })
		}
		b.WriteString(text)
		pos = e.end
		if pos < end {
			b.WriteString(es.src.directive(pos))
		}
	}
	b.WriteString(es.src.Text[pos:end])
	return b.String()
}
