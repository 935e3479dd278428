package lineedit

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// maxHistory bounds the lines kept.
const maxHistory = 1000

// history is a term.History kept in a file: one entry a line, appended as
// they come.
type history struct {
	mu      sync.Mutex
	path    string // "" keeps it in memory only
	entries []string
	skip    bool // drop the next entry: a line cut short by Ctrl-C
}

// loadHistory reads the history file; a missing one is an empty history.
func loadHistory(path string) *history {
	h := &history{path: path}
	if path == "" {
		return h
	}
	f, err := os.Open(path)
	if err != nil {
		return h
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		h.entries = append(h.entries, sc.Text())
	}
	if len(h.entries) > maxHistory {
		h.entries = h.entries[len(h.entries)-maxHistory:]
	}
	return h
}

// Add records a line, unless it is blank, a repeat, or interrupted.
func (h *history) Add(entry string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.skip {
		h.skip = false
		return
	}
	if strings.TrimSpace(entry) == "" || len(h.entries) > 0 && h.entries[len(h.entries)-1] == entry {
		return
	}
	h.entries = append(h.entries, entry)
	if len(h.entries) > maxHistory {
		h.entries = h.entries[1:]
	}
	if h.path == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		return
	}
	f, err := os.OpenFile(h.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return // history is a convenience: never fail a line for it
	}
	defer f.Close()
	_, _ = f.WriteString(entry + "\n")
}

// Len returns the number of entries.
func (h *history) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.entries)
}

// At returns entry i, 0 being the most recent.
func (h *history) At(i int) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.entries[len(h.entries)-1-i]
}

// skipNext drops the next entry.
func (h *history) skipNext() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.skip = true
}

// DefaultHistoryPath is where the history is kept: $PLAYGROUND_HISTORY if
// set (empty: nowhere), else in the user's cache directory.
func DefaultHistoryPath() string {
	if p, ok := os.LookupEnv("PLAYGROUND_HISTORY"); ok {
		return p
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "gophertutor", "playground_history")
}
