package sidebyside

import (
	"context"
	"net/http"
	"slices"
)

// Kind says what a figure's value is, and so which way is better.
type Kind int

const (
	// PerOp is seconds per operation (a task, a start, a call): less is better.
	PerOp Kind = iota
	// Wall is the seconds a whole job took: less is better.
	Wall
	// Speedup is how many times faster 2 workers are than 1: more is better.
	Speedup
)

// Env is what the figures of a run share: the local image site of lesson
// 02's downloads, which both sides download from.
type Env struct {
	// Site is the site's base URL; its images are Site/images/0.jpg, ...
	Site string
	// Client is the site's HTTP client, for the Go side.
	Client *http.Client
}

// Figure is one measurement, made twice: by a function of the Python
// program of its lesson and by its Go twin, with the same size.
type Figure struct {
	// ID names the figure in the table, in the Python program (its key in
	// FIGURES) and in the lessons' claims.
	ID string
	// Lesson is the number of the lesson that talks about it ("00"), or
	// "pg" for the playground.
	Lesson string
	// What says what is measured, in a few words, for the table.
	What string
	// Kind is what the value is.
	Kind Kind
	// Size is the figure's one size (a count of operations, of steps, a
	// delay in milliseconds: What says which), and Short its size in the
	// short form (-short), for CI.
	Size, Short int
	// Rounds is how many times each side measures, the best counting (1
	// in the short form).
	Rounds int
	// Go measures a time figure once in Go with size n.
	Go func(ctx context.Context, env *Env, n int) (float64, error)
	// Work, for a speedup, measures the seconds the work of size n takes
	// in Go on workers workers (1, then 2, each round).
	Work func(ctx context.Context, n, workers int) (float64, error)
}

// Python is the file name of the Python program that has the figure.
func (f *Figure) Python() string { return pythonFiles[f.Lesson] }

// pythonFiles is each lesson's Python program, beside its Go twin.
var pythonFiles = map[string]string{
	"00": "l00_seed.py",
	"01": "l01_processes.py",
	"02": "l02_threads.py",
	"03": "l03_futures.py",
	"04": "l04_mixing.py",
	"05": "l05_termination.py",
	"pg": "pg_playground.py",
}

// Figures is every figure, in the order of the lessons.
func Figures() []*Figure {
	return slices.Concat(lesson00, lesson01, lesson02, lesson03, lesson04, lesson05, playground)
}

// Lessons lists the lesson numbers that have figures, in order.
func Lessons() []string {
	var out []string
	for _, f := range Figures() {
		if !slices.Contains(out, f.Lesson) {
			out = append(out, f.Lesson)
		}
	}
	return out
}
