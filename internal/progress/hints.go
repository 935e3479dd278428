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

	"github.com/gophertutor/concurrency/lessons"
)

// Exercise is one exercise: its lesson's number ("00") and what the
// lesson's check package says about it (Name, File, Section, Hint).
type Exercise struct {
	Lesson string
	lessons.Info
}

// exercises lists every lesson's exercises, from the course's table of
// lessons (lessons.All).
func exercises() []Exercise {
	var out []Exercise
	for _, l := range lessons.All {
		for _, in := range l.Exercises() {
			out = append(out, Exercise{Lesson: l.Number, Info: in})
		}
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
