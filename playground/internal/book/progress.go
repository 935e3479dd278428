package book

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/gophertutor/concurrency/playground/internal/course"
)

// ProgressEnv names the progress file; set and empty, progress is kept in
// memory only.
const ProgressEnv = "PLAYGROUND_PROGRESS"

// ProgressFile is the progress file's name in the root of a clone of the
// course; the course's .gitignore ignores it.
const ProgressFile = ".playground-progress.json"

// DefaultProgressPath is where progress is kept: $PLAYGROUND_PROGRESS if
// set (empty: nowhere), else ProgressPath of the clone the playground runs
// in; outside a clone, "" (progress is kept in memory).
func DefaultProgressPath() string {
	if p, ok := os.LookupEnv(ProgressEnv); ok {
		return p
	}
	root, err := course.WorkingRoot()
	if err != nil {
		return ""
	}
	return ProgressPath(root)
}

// ProgressPath is the progress file of the clone of the course whose root
// is root: a file in the clone itself, so that each clone has its own
// progress and a fresh clone starts at the beginning, even where an older
// clone was removed, and the progress goes when the clone does.
func ProgressPath(root string) string {
	return filepath.Join(root, ProgressFile)
}

// Position is how far a learner got in a lesson.
type Position struct {
	// Cell is the cell shown last (0-based).
	Cell int `json:"cell"`
	// Seen is how many cells, from the first, the learner has reached.
	Seen int `json:"seen"`
}

// Progress is the learner's position in each lesson, kept in a file.
type Progress struct {
	path    string // "" keeps it in memory
	mu      sync.Mutex
	lessons map[string]Position
}

// LoadProgress reads the progress file at path; a missing file is no
// progress yet, and path "" keeps progress in memory only.
func LoadProgress(path string) (*Progress, error) {
	p := &Progress{path: path, lessons: map[string]Position{}}
	if path == "" {
		return p, nil
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return p, fmt.Errorf("read the lessons' progress: %w", err)
	}
	if err := json.Unmarshal(data, &p.lessons); err != nil {
		return p, fmt.Errorf("read the lessons' progress from %s: %w", path, err)
	}
	return p, nil
}

// Get returns the position in the lesson named name ("00-overview").
func (p *Progress) Get(name string) Position {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lessons[name]
}

// Set records that the learner is at cell in the lesson named name, and
// saves the file. If the file cannot be saved (a clone the learner may not
// write to), Set says so once and keeps the progress in memory from then
// on.
func (p *Progress) Set(name string, cell int) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	pos := p.lessons[name]
	pos.Cell, pos.Seen = cell, max(pos.Seen, cell+1)
	p.lessons[name] = pos
	if p.path == "" {
		return nil
	}
	if err := p.save(); err != nil {
		p.path = ""
		return fmt.Errorf("save the lessons' progress (kept in memory from now on): %w", err)
	}
	return nil
}

// save writes the file, through a temporary file beside it.
func (p *Progress) save() error {
	data, err := json.MarshalIndent(p.lessons, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p.path), 0o755); err != nil {
		return err
	}
	tmp := p.path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p.path)
}
