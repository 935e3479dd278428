package book

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Module is the course's module path: its go.mod marks the course's
// directory.
const Module = "github.com/gophertutor/concurrency"

// ErrNoCourse is returned by FindRoot outside the course's directory.
var ErrNoCourse = errors.New("the lessons are not here: run the playground from the course's directory (where go.mod says module " + Module + ")")

// FindRoot returns the course's directory: dir or the nearest of its
// parents whose go.mod declares Module.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find the course's directory: %w", err)
	}
	for {
		if isCourse(filepath.Join(dir, "go.mod")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", ErrNoCourse
		}
		dir = parent
	}
}

// isCourse reports whether the go.mod at path declares Module.
func isCourse(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if mod, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(mod), `"`) == Module
		}
	}
	return false
}
