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
	"slices"
	"sort"
	"strings"

	"github.com/gophertutor/concurrency/lessons"
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
	// Race says whether the race detector watched the run.
	Race Race
}

// Race says whether the race detector watched a run of the checks.
type Race int

// Whether the race detector watched.
const (
	// RaceNotNeeded: no exercise of the lessons checked was started, so
	// there was no code of the learner's to watch (and no reason to build
	// everything again with -race, which takes a while the first time).
	RaceNotNeeded Race = iota
	// RaceChecked: the checks ran under go test -race.
	RaceChecked
	// RaceUnavailable: the race detector cannot run here (on Linux it
	// needs cgo, which needs a C compiler such as gcc).
	RaceUnavailable
)

// Lessons lists the lessons of the course's table (lessons.All) whose
// exercises are in the repository at root.
func Lessons(root string) ([]Lesson, error) {
	var out []Lesson
	for _, l := range lessons.All {
		dir := filepath.Join(root, l.Dir, "exercises")
		if _, err := os.Stat(dir); err != nil {
			return nil, fmt.Errorf("find lesson %s's exercises: %w", l.Number, err)
		}
		out = append(out, Lesson{Number: l.Number, Dir: l.Dir})
	}
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
// and returns a row per exercise. flags are added to go test (an -overlay).
//
// Once an exercise of these lessons is started (or an -overlay replaces
// files), the tests run under the race detector: a data race is the
// mistake several checks cannot force to show, and only go test -race
// reliably sees it. Where the race detector cannot run (no cgo, or no C
// compiler for it), Run checks without it and the rows say so.
func Run(ctx context.Context, root string, lessons []Lesson, flags ...string) ([]Row, error) {
	if len(lessons) == 0 {
		return nil, errors.New("check: no lessons to check")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("check: find the go command: %w", err)
	}
	race := RaceNotNeeded
	switch {
	case slices.Contains(flags, "-race"):
		race = RaceChecked
	case !needsRace(root, lessons, flags):
	case raceAvailable(ctx, goBin, root):
		race = RaceChecked
		flags = append([]string{"-race"}, flags...)
	default:
		race = RaceUnavailable
	}
	var env []string
	if race == RaceUnavailable {
		env = []string{"CGO_ENABLED=0"} // cgo without its C compiler would fail the build too
	}
	rows, stderr, runErr := goTest(ctx, goBin, root, lessons, flags, env)
	if len(rows) == 0 && race == RaceChecked && raceRefused(stderr) {
		race = RaceUnavailable
		rows, stderr, runErr = goTest(ctx, goBin, root, lessons, slices.DeleteFunc(flags, func(f string) bool { return f == "-race" }), env)
	}
	if len(rows) == 0 {
		if runErr != nil {
			return nil, fmt.Errorf("check: go test: %v\n%s", runErr, strings.TrimSpace(stderr))
		}
		return nil, errors.New("check: go test ran no exercise")
	}
	for i := range rows {
		rows[i].Race = race
	}
	return rows, nil
}

// needsRace reports whether the learner has started an exercise of
// lessons in root, or flags replace files.
func needsRace(root string, lessons []Lesson, flags []string) bool {
	for _, f := range flags {
		if strings.HasPrefix(f, "-overlay") {
			return true
		}
	}
	started, err := Started(root)
	if err != nil {
		return true // cannot tell: check as if started
	}
	for _, s := range started {
		for _, l := range lessons {
			if strings.HasPrefix(s, l.Number+"/") {
				return true
			}
		}
	}
	return false
}

// raceAvailable reports whether go test -race can build here: on the
// platforms this course runs on, the race detector needs cgo, and cgo needs
// a C compiler (go env CGO_ENABLED is 1, and go env CC names a program that
// is there). Asking first spares the learner a failed build.
func raceAvailable(ctx context.Context, goBin, root string) bool {
	cmd := exec.CommandContext(ctx, goBin, "env", "CGO_ENABLED", "CC")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return true // cannot tell: try, and fall back if go test refuses
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 || strings.TrimSpace(lines[0]) != "1" {
		return false
	}
	cc := strings.Fields(lines[1])
	if len(cc) == 0 {
		return false
	}
	_, err = exec.LookPath(cc[0])
	return err == nil
}

// raceRefused reports whether go test refused -race (no cgo, or a
// platform without the race detector) before running anything.
func raceRefused(stderr string) bool {
	return strings.Contains(stderr, "-race requires cgo") || strings.Contains(stderr, "-race is not supported")
}

// goTest runs go test -json on the lessons' exercise packages, with env
// added to this process's environment.
func goTest(ctx context.Context, goBin, root string, lessons []Lesson, flags, env []string) ([]Row, string, error) {
	args := append([]string{"test", "-json", "-count=1"}, flags...)
	byPkg := map[string]Lesson{}
	for _, l := range lessons {
		args = append(args, "./"+l.Dir+"/exercises")
		byPkg[l.Dir+"/exercises"] = l
	}
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = root
	if len(env) > 0 {
		cmd.Env = append(os.Environ(), env...)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return parse(stdout.Bytes(), byPkg), stderr.String(), err
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
			r.Message = explainCrash(r.Exercise, r.Message)
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
