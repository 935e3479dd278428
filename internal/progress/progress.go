// Package progress runs the lessons' exercise checks and reports each
// exercise as done, not attempted or failing: the loop of rustlings-style
// courses, for the playground's :check command and `go run ./playground
// check`.
package progress

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Status is where an exercise stands.
type Status int

// The statuses, in the order a table lists them.
const (
	Done Status = iota
	NotAttempted
	Failing
	Broken // the exercises package does not compile
)

func (s Status) String() string {
	return [...]string{"done", "not attempted", "failing", "does not compile"}[s]
}

// Lesson is a lesson that has exercises.
type Lesson struct {
	Number string // "00"
	Dir    string // "lessons/00-overview", relative to the repository root
}

// Row is one exercise's outcome.
type Row struct {
	Lesson   Lesson
	Exercise string // the test's name without "Test": the function to write
	Status   Status
	// Message is what the check said: the skip's pointer to the README,
	// the failure's explanation, or the compiler's error.
	Message string
}

var lessonDirRE = regexp.MustCompile(`^(\d\d)-[a-z0-9-]+$`)

// Lessons finds the lessons under root that have an exercises package.
func Lessons(root string) ([]Lesson, error) {
	entries, err := os.ReadDir(filepath.Join(root, "lessons"))
	if err != nil {
		return nil, fmt.Errorf("find lessons: %w", err)
	}
	var out []Lesson
	for _, e := range entries {
		m := lessonDirRE.FindStringSubmatch(e.Name())
		if m == nil || !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, "lessons", e.Name(), "exercises")); err == nil {
			out = append(out, Lesson{Number: m[1], Dir: "lessons/" + e.Name()})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// Select picks lessons by what a learner types: "" for all of them, or a
// number ("1", "01") or a folder name ("01-processes").
func Select(all []Lesson, arg string) ([]Lesson, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return all, nil
	}
	for _, l := range all {
		name := strings.TrimPrefix(l.Dir, "lessons/")
		if arg == l.Number || arg == name || strings.TrimLeft(arg, "0") == strings.TrimLeft(l.Number, "0") && arg != "" {
			return []Lesson{l}, nil
		}
	}
	var known []string
	for _, l := range all {
		known = append(known, l.Number)
	}
	return nil, fmt.Errorf("no lesson %q: the lessons with exercises are %s", arg, strings.Join(known, ", "))
}

// Run runs the exercise tests of lessons with `go test -json` from root
// and returns a row per exercise. flags are added to go test (an -overlay,
// -race).
func Run(ctx context.Context, root string, lessons []Lesson, flags ...string) ([]Row, error) {
	if len(lessons) == 0 {
		return nil, errors.New("check: no lessons to check")
	}
	args := append([]string{"test", "-json", "-count=1"}, flags...)
	byPkg := map[string]Lesson{}
	for _, l := range lessons {
		args = append(args, "./"+l.Dir+"/exercises")
		byPkg[l.Dir+"/exercises"] = l
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("check: find the go command: %w", err)
	}
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	rows := parse(stdout.Bytes(), byPkg)
	if len(rows) == 0 {
		if runErr != nil {
			return nil, fmt.Errorf("check: go test: %v\n%s", runErr, strings.TrimSpace(stderr.String()))
		}
		return nil, errors.New("check: go test ran no exercise")
	}
	return rows, nil
}

// event is a line of go test -json.
type event struct {
	Action     string
	Package    string
	ImportPath string
	Test       string
	Output     string
}

// parse turns go test -json output into rows, in the order of lessons and
// then of the tests.
func parse(out []byte, byPkg map[string]Lesson) []Row {
	type testKey struct{ pkg, test string }
	var order []testKey
	outputs := map[testKey]*strings.Builder{}
	results := map[testKey]string{}
	buildOut := map[string]*strings.Builder{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		pkg := lessonPkg(ev.Package, byPkg)
		if ev.Action == "build-output" {
			pkg = lessonPkg(strings.Fields(ev.ImportPath + " ")[0], byPkg)
			if pkg != "" {
				if buildOut[pkg] == nil {
					buildOut[pkg] = &strings.Builder{}
				}
				buildOut[pkg].WriteString(ev.Output)
			}
			continue
		}
		if pkg == "" || ev.Test == "" || strings.Contains(ev.Test, "/") {
			continue
		}
		k := testKey{pkg, ev.Test}
		if outputs[k] == nil {
			outputs[k] = &strings.Builder{}
			order = append(order, k)
		}
		switch ev.Action {
		case "output":
			outputs[k].WriteString(ev.Output)
		case "pass", "fail", "skip":
			results[k] = ev.Action
		}
	}
	var rows []Row
	for pkg, b := range buildOut {
		rows = append(rows, Row{Lesson: byPkg[pkg], Exercise: "(all)", Status: Broken, Message: firstLines(b.String(), 8)})
	}
	for _, k := range order {
		r := Row{Lesson: byPkg[k.pkg], Exercise: strings.TrimPrefix(k.test, "Test"), Message: message(outputs[k].String())}
		switch results[k] {
		case "pass":
			r.Status = Done
		case "skip":
			r.Status = NotAttempted
		default:
			r.Status = Failing
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Lesson.Number < rows[j].Lesson.Number })
	return rows
}

// lessonPkg maps an import path to the lesson exercises package it ends
// with, or "".
func lessonPkg(importPath string, byPkg map[string]Lesson) string {
	for pkg := range byPkg {
		if strings.HasSuffix(importPath, "/"+pkg) {
			return pkg
		}
	}
	return ""
}

var testLogRE = regexp.MustCompile(`^\s*\S+_test\.go:\d+: `)

// message keeps what the check said, without go test's framing lines.
func message(out string) string {
	var keep []string
	for _, line := range strings.Split(out, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") {
			continue
		}
		if loc := testLogRE.FindString(line); loc != "" {
			line = line[len(loc):]
		} else {
			line = strings.TrimPrefix(line, "        ")
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "...")
	}
	return strings.Join(lines, "\n")
}
