package progress

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	check00 "github.com/gophertutor/concurrency/lessons/00-overview/check"
	check01 "github.com/gophertutor/concurrency/lessons/01-processes/check"
	check02 "github.com/gophertutor/concurrency/lessons/02-threads/check"
	check05 "github.com/gophertutor/concurrency/lessons/05-termination/check"
)

// Exercise describes one exercise, as its lesson's check package does.
type Exercise struct {
	Lesson  string // "00"
	Name    string // the function or type to write
	File    string // the stub, relative to the repository root
	Section string // the README section that teaches it
	Hint    string
}

// exercises lists every lesson's exercises. A test fails when a lesson's
// check package is missing here.
func exercises() []Exercise {
	var out []Exercise
	for _, in := range check00.All() {
		out = append(out, Exercise{Lesson: "00", Name: in.Name, File: in.File, Section: in.Section, Hint: in.Hint})
	}
	for _, in := range check01.All() {
		out = append(out, Exercise{Lesson: "01", Name: in.Name, File: in.File, Section: in.Section, Hint: in.Hint})
	}
	for _, in := range check02.All() {
		out = append(out, Exercise{Lesson: "02", Name: in.Name, File: in.File, Section: in.Section, Hint: in.Hint})
	}
	for _, in := range check05.All() {
		out = append(out, Exercise{Lesson: "05", Name: in.Name, File: in.File, Section: in.Section, Hint: in.Hint})
	}
	return out
}

// Started names the exercises (as "00/Counter") whose stub no longer calls
// exercise.TODO(): the ones a learner has begun, which the checks report
// done or failing instead of not attempted. root is the repository's root.
func Started(root string) ([]string, error) {
	var started []string
	for _, e := range exercises() {
		calls, err := callsTODO(filepath.Join(root, e.File))
		if err != nil {
			return nil, fmt.Errorf("read the stub of %s: %w", e.Name, err)
		}
		if !calls {
			started = append(started, e.Lesson+"/"+e.Name)
		}
	}
	return started, nil
}

// callsTODO reports whether the Go file at path calls exercise.TODO() (a
// call commented out does not count). A file that does not parse is being
// written: it counts as started.
func callsTODO(path string) (bool, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.SkipObjectResolution)
	if err != nil {
		return false, nil
	}
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "TODO" {
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "exercise" {
					found = true
				}
			}
		}
		return !found
	})
	return found, nil
}

// Hint finds an exercise by name (any case; "01/CountPrimes" or
// "CountPrimes").
func Hint(name string) (Exercise, error) {
	lesson, short, qualified := strings.Cut(name, "/")
	if !qualified {
		short, lesson = name, ""
	}
	var names []string
	for _, e := range exercises() {
		if strings.EqualFold(e.Name, short) && (lesson == "" || strings.TrimLeft(lesson, "0") == strings.TrimLeft(e.Lesson, "0")) {
			return e, nil
		}
		names = append(names, e.Lesson+"/"+e.Name)
	}
	sort.Strings(names)
	return Exercise{}, fmt.Errorf("no exercise %q; there are: %s", name, strings.Join(names, ", "))
}

// Describe formats an exercise's hint for the learner.
func Describe(e Exercise) string {
	return fmt.Sprintf("%s (lesson %s, %s)\n  hint: %s\n  read: %s", e.Name, e.Lesson, e.File, e.Hint, e.Section)
}
