package book

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Lesson is one lesson of the course: lessons/NN-name/README.md.
type Lesson struct {
	// Number is NN; Name is the folder's name, "00-overview".
	Number int
	Name   string
	// Title is the README's first heading without "Lesson NN · ".
	Title string
	// README is the notebook's path.
	README string
}

var lessonDirRE = regexp.MustCompile(`^(\d+)-[\w-]+$`)

// Lessons lists the lessons of the course at root, in order.
func Lessons(root string) ([]Lesson, error) {
	entries, err := os.ReadDir(filepath.Join(root, "lessons"))
	if err != nil {
		return nil, fmt.Errorf("list the lessons: %w", err)
	}
	var out []Lesson
	for _, e := range entries {
		m := lessonDirRE.FindStringSubmatch(e.Name())
		if !e.IsDir() || m == nil {
			continue
		}
		readme := filepath.Join(root, "lessons", e.Name(), "README.md")
		data, err := os.ReadFile(readme)
		if err != nil {
			continue // a lesson being written: no notebook yet
		}
		n, _ := strconv.Atoi(m[1])
		out = append(out, Lesson{Number: n, Name: e.Name(), Title: title(string(data)), README: readme})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// Cells reads the lesson's README and splits it into cells.
func (l Lesson) Cells() ([]Cell, error) {
	data, err := os.ReadFile(l.README)
	if err != nil {
		return nil, fmt.Errorf("read lesson %d: %w", l.Number, err)
	}
	return Split(string(data)), nil
}

// title is a README's first heading, without "Lesson NN · ".
func title(markdown string) string {
	for _, line := range strings.Split(markdown, "\n") {
		if t, ok := strings.CutPrefix(line, "# "); ok {
			if _, rest, found := strings.Cut(t, " · "); found {
				return strings.TrimSpace(rest)
			}
			return strings.TrimSpace(t)
		}
	}
	return ""
}
