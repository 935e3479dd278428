package course

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Module is the course's module path.
const Module = "github.com/gophertutor/concurrency"

// ErrNoRoot means the working directory is not inside the course's
// repository.
var ErrNoRoot = errors.New("not inside the course's repository (no go.mod of " + Module + " here or above): run the playground from the course's directory")

// Root returns the course's module root: dir or the nearest directory
// above it whose go.mod declares Module.
func Root(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find the course's root: %w", err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		if declaresModule(filepath.Join(d, "go.mod")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("find the course's root from %s: %w", abs, ErrNoRoot)
		}
	}
}

// WorkingRoot is Root of the working directory.
func WorkingRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("find the course's root: %w", err)
	}
	return Root(wd)
}

// declaresModule reports whether the go.mod file at path is the course's.
func declaresModule(path string) bool {
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
