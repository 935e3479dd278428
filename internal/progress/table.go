package progress

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// Table draws the rows as a table, then a count of each status, then the
// first failure's message in full: what to work on next.
func Table(rows []Row) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "LESSON\tEXERCISE\tSTATUS\tNEXT")
	counts := map[Status]int{}
	var first *Row
	for i, r := range rows {
		counts[r.Status]++
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Lesson.Number, r.Exercise, r.Status, next(r))
		if first == nil && (r.Status == Failing || r.Status == Broken) {
			first = &rows[i]
		}
	}
	tw.Flush()
	fmt.Fprintf(&b, "\n%d done, %d not attempted, %d failing", counts[Done], counts[NotAttempted], counts[Failing]+counts[Broken])
	if counts[Broken] > 0 {
		fmt.Fprintf(&b, " (%d lesson(s) do not compile)", counts[Broken])
	}
	b.WriteString("\n")
	if len(rows) > 0 {
		switch rows[0].Race {
		case RaceChecked:
			b.WriteString("Checked with the race detector (go test -race).\n")
		case RaceUnavailable:
			b.WriteString("Race not checked: the race detector needs cgo, which needs a C compiler such as gcc. " +
				"A data race passes these checks unseen; install gcc and check again.\n")
		}
	}
	if first != nil {
		fmt.Fprintf(&b, "\nFirst failure: lesson %s, %s\n%s\n", first.Lesson.Number, first.Exercise, strings.TrimSpace(first.Message))
	}
	return b.String()
}

// next says in a few words what to do about a row.
func next(r Row) string {
	switch r.Status {
	case NotAttempted:
		for _, line := range strings.Split(r.Message, "\n") {
			if s, ok := strings.CutPrefix(strings.TrimSpace(line), "read:"); ok {
				return "read " + strings.TrimSpace(s)
			}
		}
		return "start it"
	case Failing:
		for _, line := range strings.Split(r.Message, "\n") {
			if s, ok := strings.CutPrefix(strings.TrimSpace(line), "likely mistake:"); ok {
				return clip(strings.TrimSpace(s), 70)
			}
		}
		return clip(firstLines(r.Message, 1), 70)
	case Broken:
		return clip(firstLines(r.Message, 1), 70)
	}
	return ""
}

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
