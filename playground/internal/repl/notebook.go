package repl

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gophertutor/concurrency/playground/internal/book"
	"github.com/gophertutor/concurrency/playground/internal/course"
)

// notebook is the REPL's notebook mode: the lessons, the learner's place
// in each, and the lesson being walked.
type notebook struct {
	lessons  []book.Lesson // nil until the first notebook command
	progress *book.Progress
	lesson   *book.Lesson // the open lesson, or nil
	cells    []book.Cell
	at       int
	edited   map[int][]string // a cell's inputs as :edit left them
}

// loadLessons finds the course and the learner's progress, once.
func (r *repl) loadLessons() error {
	if r.nb.lessons != nil {
		return nil
	}
	root := r.o.Course
	if root == "" {
		var err error
		if root, err = course.WorkingRoot(); err != nil {
			return fmt.Errorf("find the lessons: %w", err)
		}
	}
	lessons, err := book.Lessons(root)
	if err != nil {
		return err
	}
	progress, err := book.LoadProgress(r.o.Progress)
	if err != nil {
		fmt.Fprintf(r.ed, "playground: %v; starting afresh\n", err)
	}
	r.nb.lessons, r.nb.progress = lessons, progress
	return nil
}

// lessonList is what :lessons shows.
func (r *repl) lessonList() (string, error) {
	var b strings.Builder
	b.WriteString("Lessons (:lesson N opens one, where you left it):\n")
	for _, l := range r.nb.lessons {
		cells, err := l.Cells()
		if err != nil {
			return "", err
		}
		mark := " "
		if r.nb.lesson != nil && r.nb.lesson.Number == l.Number {
			mark = "*"
		}
		fmt.Fprintf(&b, "%s %2d  %-50s %3d cells  %s\n", mark, l.Number, clip(l.Title, 50), len(cells),
			progressNote(r.nb.progress.Get(l.Name), len(cells)))
	}
	return b.String(), nil
}

// progressNote says how far the learner got in a lesson of n cells.
func progressNote(p book.Position, n int) string {
	switch {
	case p.Seen == 0:
		return "not started"
	case p.Seen >= n:
		return fmt.Sprintf("read to the end, at cell %d", p.Cell+1)
	}
	return fmt.Sprintf("read %d of %d, at cell %d", p.Seen, n, p.Cell+1)
}

// clip shortens s to n runes, with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// open opens lesson number n at cell (0-based; -1: where the learner
// left it).
func (r *repl) open(n, cell int) error {
	for i, l := range r.nb.lessons {
		if l.Number != n {
			continue
		}
		cells, err := l.Cells()
		if err != nil {
			return err
		}
		if len(cells) == 0 {
			return fmt.Errorf("lesson %d has no cells", n)
		}
		if cell < 0 {
			cell = r.nb.progress.Get(l.Name).Cell
		}
		r.nb.lesson, r.nb.cells, r.nb.edited = &r.nb.lessons[i], cells, map[int][]string{}
		r.nb.at = min(max(cell, 0), len(cells)-1)
		return nil
	}
	var have []string
	for _, l := range r.nb.lessons {
		have = append(have, strconv.Itoa(l.Number))
	}
	return fmt.Errorf("no lesson %d (there are %s; :lessons lists them)", n, strings.Join(have, ", "))
}

// show prints the current cell and records the learner's place.
func (r *repl) show() {
	c := r.nb.cells[r.nb.at]
	header := fmt.Sprintf("\n[lesson %d · cell %d of %d", r.nb.lesson.Number, r.nb.at+1, len(r.nb.cells))
	if c.Heading == "" && c.Section != "" {
		header += " · " + clip(c.Section, 40)
	}
	fmt.Fprint(r.ed, header+"]\n\n"+book.Render(c, book.Width))
	if r.nb.at == len(r.nb.cells)-1 {
		fmt.Fprintf(r.ed, "\n[the end of lesson %d: :lessons lists the others]\n", r.nb.lesson.Number)
	}
	if err := r.nb.progress.Set(r.nb.lesson.Name, r.nb.at); err != nil {
		fmt.Fprintf(r.ed, "playground: %v\n", err)
	}
}

// inputs are the current cell's playground inputs, as :edit left them;
// nil if the cell has no playground session.
func (r *repl) inputs() []string {
	if in, ok := r.nb.edited[r.nb.at]; ok {
		return in
	}
	var in []string
	for _, s := range r.nb.cells[r.nb.at].Sessions() {
		in = append(in, s.Inputs...)
	}
	return in
}
