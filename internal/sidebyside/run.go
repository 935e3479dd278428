package sidebyside

import (
	"context"
	"fmt"
	"io"
	"math"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

// Options are the settings of a run.
type Options struct {
	// Short measures each figure with its short size, once: for CI, so
	// that the command cannot rot.
	Short bool
	// Python is the interpreter to run: "python3" unless told. If it is
	// not found, the run has the Go column alone.
	Python string
	// Only, if not empty, lists the figures to measure.
	Only []string
	// Log, if not nil, hears of each figure as it is measured.
	Log io.Writer
}

// Row is one figure, measured on both sides.
type Row struct {
	Figure *Figure
	// Size is the size both sides measured with.
	Size int
	// Python and Go are the values measured; HasPython is false when no
	// Python was run.
	Python, Go float64
	HasPython  bool
}

// Ratio is how many times better Go did: Python ÷ Go for a time, Go ÷
// Python for a speedup. Below 1, Python did better.
func (r Row) Ratio() float64 {
	if r.Figure.Kind == Speedup {
		return r.Go / r.Python
	}
	return r.Python / r.Go
}

// Report is a run's table and where it ran.
type Report struct {
	// Python is the Python version, "" when none was found; NoPython says
	// why.
	Python, NoPython string
	// Go and CPUs describe the Go side and the machine.
	Go   string
	CPUs int
	// Short says the figures have their short sizes.
	Short bool
	Rows  []Row
	// Took is how long the whole run took.
	Took time.Duration
}

// downloadDelay is how long the local image site takes to answer.
const downloadDelay = 10 * time.Millisecond

// Run measures every figure (or o.Only), lesson by lesson: first the
// lesson's Python program, then its Go twins. A program that starts child
// processes must call processes.RunChildIfRequested (and lesson 00's
// overview.RunChildIfRequested) first in main.
func Run(ctx context.Context, o Options) (*Report, error) {
	start := time.Now()
	rep := &Report{Go: runtime.Version(), CPUs: processes.CPUCount(), Short: o.Short}
	exe := o.Python
	if exe == "" {
		exe = "python3"
	}
	var py *python
	if path, err := exec.LookPath(exe); err != nil {
		rep.NoPython = exe + " is not on PATH"
	} else {
		if py, err = newPython(path); err != nil {
			return nil, err
		}
		defer py.close()
		if rep.Python, err = py.version(ctx); err != nil {
			return nil, err
		}
	}
	site := threads.NewImageSite(downloadDelay)
	defer site.Close()
	env := &Env{Site: site.URL(), Client: site.Client()}

	for _, id := range o.Only {
		if !slices.ContainsFunc(Figures(), func(f *Figure) bool { return f.ID == id }) {
			return nil, fmt.Errorf("sidebyside: no figure is called %q (go run ./cmd/sidebyside -list NN lists a lesson's)", id)
		}
	}
	for _, lesson := range Lessons() {
		var figs []*Figure
		for _, f := range Figures() {
			if f.Lesson == lesson && (len(o.Only) == 0 || slices.Contains(o.Only, f.ID)) {
				figs = append(figs, f)
			}
		}
		rows, err := runLesson(ctx, py, env, figs, o)
		if err != nil {
			return nil, err
		}
		rep.Rows = append(rep.Rows, rows...)
	}
	rep.Took = time.Since(start)
	return rep, nil
}

// runLesson measures figs, a lesson's figures: first with the lesson's
// Python program (unless py is nil), then in Go.
func runLesson(ctx context.Context, py *python, env *Env, figs []*Figure, o Options) ([]Row, error) {
	if len(figs) == 0 {
		return nil, nil
	}
	var pyGot map[string]float64
	if py != nil {
		args := []string{"site=" + env.Site}
		for _, f := range figs {
			n, rounds := f.sizes(o.Short)
			args = append(args, f.ID+"="+strconv.Itoa(n)+","+strconv.Itoa(rounds))
		}
		logf(o.Log, "python3 %s", figs[0].Python())
		var err error
		if pyGot, err = py.measure(ctx, figs[0].Python(), args); err != nil {
			return nil, err
		}
	}
	var rows []Row
	for _, f := range figs {
		n, rounds := f.sizes(o.Short)
		logf(o.Log, "go: %s", f.ID)
		v, err := f.measure(ctx, env, n, rounds)
		if err != nil {
			return nil, fmt.Errorf("sidebyside: %s: %w", f.ID, err)
		}
		row := Row{Figure: f, Size: n, Go: v}
		if py != nil {
			p, ok := pyGot[f.ID]
			if !ok {
				return nil, fmt.Errorf("sidebyside: python3 %s printed no %s", f.Python(), f.ID)
			}
			row.Python, row.HasPython = p, true
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// sizes is the figure's size and rounds in a run.
func (f *Figure) sizes(short bool) (n, rounds int) {
	if short {
		return f.Short, 1
	}
	return f.Size, f.Rounds
}

// measure is the best of rounds Go measurements, as the Python side
// keeps (common.py): the least time; for a speedup, the least time on 1
// worker over the least time on 2.
func (f *Figure) measure(ctx context.Context, env *Env, n, rounds int) (float64, error) {
	one, two := math.Inf(1), math.Inf(1)
	for range max(rounds, 1) {
		if f.Kind != Speedup {
			v, err := f.Go(ctx, env, n)
			if err != nil {
				return 0, err
			}
			one = min(one, v)
			continue
		}
		t1, err := f.Work(ctx, n, 1)
		if err != nil {
			return 0, err
		}
		t2, err := f.Work(ctx, n, 2)
		if err != nil {
			return 0, err
		}
		one, two = min(one, t1), min(two, t2)
	}
	if f.Kind == Speedup {
		return one / two, nil
	}
	return one, nil
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, "sidebyside: "+format+"\n", args...)
	}
}
