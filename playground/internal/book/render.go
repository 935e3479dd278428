package book

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Width is the width prose is wrapped to.
const Width = 80

var (
	linkRE    = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	tagRE     = regexp.MustCompile(`</?(sub|sup|b|i|em|strong|br|details|summary)\s*/?>`)
	inlineRE  = regexp.MustCompile(`<!--.*?-->`)
	boldRE    = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	listRE    = regexp.MustCompile(`^(\s*)([-*+]|\d+\.)\s+`)
	underline = map[int]string{1: "═", 2: "─"}
)

// Render is a cell as plain text for a terminal: headings underlined,
// paragraphs and list items wrapped to width, tables as written, code,
// output and playground sessions indented under a label.
func Render(c Cell, width int) string {
	var parts []string
	if c.Heading != "" {
		h := inline(c.Heading)
		mark, ok := underline[c.Level]
		if !ok {
			mark = "·"
		}
		parts = append(parts, h+"\n"+strings.Repeat(mark, utf8.RuneCountInString(h)))
	}
	for _, b := range c.Blocks {
		switch b.Kind {
		case Prose:
			parts = append(parts, renderProse(b.Text, width))
		case Code:
			parts = append(parts, indent(b.Text))
		case Output:
			out := "  output:\n" + indent(b.Text)
			if b.Caption != "" {
				out += "\n" + wrap(inline(b.Caption), width, "  (", "   ") + ")"
			}
			parts = append(parts, out)
		case Playground:
			parts = append(parts, "  playground cell (:run runs it, :edit changes it first):\n"+indent(b.Text))
		}
	}
	return strings.Join(parts, "\n\n") + "\n"
}

// renderProse wraps Markdown paragraphs and list items.
func renderProse(text string, width int) string {
	var out []string
	for _, para := range strings.Split(text, "\n\n") {
		lines := strings.Split(strings.Trim(para, "\n"), "\n")
		if strings.HasPrefix(strings.TrimSpace(lines[0]), "|") {
			out = append(out, renderTable(lines))
			continue
		}
		var items []string // a paragraph, or its list items
		for _, l := range lines {
			if listRE.MatchString(l) || len(items) == 0 {
				items = append(items, strings.TrimRight(l, " "))
			} else {
				items[len(items)-1] += " " + strings.TrimSpace(l)
			}
		}
		var wrapped []string
		for _, item := range items {
			m := listRE.FindStringSubmatch(item)
			if m == nil {
				wrapped = append(wrapped, wrap(inline(item), width, "", ""))
				continue
			}
			lead := m[1] + m[2] + " "
			wrapped = append(wrapped, wrap(inline(item[len(m[0]):]), width, lead, strings.Repeat(" ", utf8.RuneCountInString(lead))))
		}
		out = append(out, strings.Join(wrapped, "\n"))
	}
	return strings.Join(out, "\n\n")
}

// renderTable keeps a table's rows, without the separator row.
func renderTable(lines []string) string {
	var rows []string
	for _, l := range lines {
		if strings.Trim(l, "|-: ") == "" {
			continue
		}
		rows = append(rows, inline(l))
	}
	return strings.Join(rows, "\n")
}

// inline simplifies inline Markdown: links become their text (with the
// address if it is on the web), bold loses its stars, HTML goes.
func inline(s string) string {
	s = inlineRE.ReplaceAllString(s, "")
	s = tagRE.ReplaceAllString(s, "")
	s = linkRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := linkRE.FindStringSubmatch(m)
		if strings.Contains(sub[2], "://") {
			return sub[1] + " <" + sub[2] + ">"
		}
		return sub[1]
	})
	return boldRE.ReplaceAllString(s, "$1")
}

// wrap fills words into lines of at most width runes: the first starts
// with first, the others with rest.
func wrap(s string, width int, first, rest string) string {
	var b strings.Builder
	b.WriteString(first)
	col := utf8.RuneCountInString(first)
	start := col
	for _, w := range strings.Fields(s) {
		n := utf8.RuneCountInString(w)
		if col > start && col+1+n > width {
			b.WriteString("\n" + rest)
			col = utf8.RuneCountInString(rest)
			start = col
		} else if col > start {
			b.WriteString(" ")
			col++
		}
		b.WriteString(w)
		col += n
	}
	return b.String()
}

// indent indents every non-empty line by four spaces, and expands tabs
// to four spaces.
func indent(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\t", "    "), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "    " + l
		}
	}
	return strings.Join(lines, "\n")
}
