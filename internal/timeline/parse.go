package timeline

import "strings"

// Cell is a span as a chart draws it: columns [From, To) of the time axis.
type Cell struct {
	Lane  string
	Label string
	From  int
	To    int
}

// Chart is a chart read back from text by Parse.
type Chart struct {
	// Start and End are the line numbers (0-based, End exclusive) of the
	// chart within the text.
	Start, End int
	Lanes      []string
	Cells      []Cell
}

// Parse finds the charts that Draw wrote in text (among other output) and
// reads their spans back. Tests use it to compare two runs of an example by
// the shape of their timelines rather than by exact columns.
func Parse(text string) []Chart {
	lines := strings.Split(text, "\n")
	var charts []Chart
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], header) || i+2 >= len(lines) {
			continue
		}
		ruler := lines[i+2]
		nameWidth := strings.IndexByte(ruler, '|')
		if nameWidth < 0 {
			continue
		}
		ch := Chart{Start: i}
		j := i + 3
		for ; j < len(lines); j++ {
			row := lines[j]
			if row == "" || row[0] == ' ' {
				break
			}
			if len(row) < nameWidth {
				row += strings.Repeat(" ", nameWidth-len(row))
			}
			lane := strings.TrimSpace(row[:nameWidth])
			ch.Lanes = append(ch.Lanes, lane)
			ch.Cells = append(ch.Cells, parseRow(lane, row[nameWidth:])...)
		}
		ch.End = j
		charts = append(charts, ch)
		i = j - 1
	}
	return charts
}

func parseRow(lane, row string) []Cell {
	var cells []Cell
	for c := 0; c < len(row); c++ {
		switch row[c] {
		case '|':
			cells = append(cells, Cell{Lane: lane, From: c, To: c + 1})
		case '[':
			end := strings.IndexByte(row[c:], ']')
			if end < 0 {
				return cells
			}
			label := strings.TrimRight(row[c+1:c+end], "-")
			cells = append(cells, Cell{Lane: lane, Label: label, From: c, To: c + end + 1})
			c += end
		}
	}
	return cells
}
