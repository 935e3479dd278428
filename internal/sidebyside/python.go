package sidebyside

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// programs are the course's Python programs, one per lesson, and what
// they share.
//
//go:embed *.py
var programs embed.FS

// Programs returns the course's Python programs by file name.
func Programs() map[string]string {
	out := map[string]string{}
	entries, _ := programs.ReadDir(".")
	for _, e := range entries {
		data, _ := programs.ReadFile(e.Name())
		out[e.Name()] = string(data)
	}
	return out
}

// python runs the Python side of a run: the programs are written to a
// folder of their own (a spawned process imports its main module again, so
// they must be files, not python3 -c).
type python struct {
	exe, dir string
}

func newPython(exe string) (*python, error) {
	dir, err := os.MkdirTemp("", "sidebyside")
	if err != nil {
		return nil, fmt.Errorf("sidebyside: %w", err)
	}
	for name, text := range Programs() {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("sidebyside: %w", err)
		}
	}
	return &python{exe: exe, dir: dir}, nil
}

func (p *python) close() { os.RemoveAll(p.dir) }

// version is the interpreter's version, "3.11.7".
func (p *python) version(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, p.exe, "-c", "import platform; print(platform.python_version())").Output()
	if err != nil {
		return "", fmt.Errorf("sidebyside: %s: %w", p.exe, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// measure runs program with args and returns the figures it printed.
func (p *python) measure(ctx context.Context, program string, args []string) (map[string]float64, error) {
	cmd := exec.CommandContext(ctx, p.exe, append([]string{program}, args...)...)
	cmd.Dir = p.dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("sidebyside: python3 %s: %w\n%s", program, err, stderr.String())
	}
	got := map[string]float64{}
	for line := range strings.Lines(string(out)) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		if !ok || k == "version" {
			continue
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, fmt.Errorf("sidebyside: python3 %s printed %q: %w", program, line, err)
		}
		got[k] = f
	}
	return got, nil
}

// ErrNoPython is MeasurePython's error when there is no Python to run.
var ErrNoPython = errors.New("sidebyside: python3 is not on PATH")

// PythonFigures is what the Python side measured.
type PythonFigures struct {
	// Version is Python's, "3.11.7"; CPUs the number it may use.
	Version string
	CPUs    int
	// Values are the figures by ID: seconds, or a speedup.
	Values map[string]float64
}

// MeasurePython runs the Python side alone, for a lesson's example that
// shows Python's figures: the figures named in sizes (by ID, with their
// size), each the best of rounds, with the interpreter exe ("python3" if
// ""). Without it, the error is ErrNoPython.
func MeasurePython(ctx context.Context, exe string, rounds int, sizes map[string]int) (*PythonFigures, error) {
	if exe == "" {
		exe = "python3"
	}
	path, err := exec.LookPath(exe)
	if err != nil {
		return nil, ErrNoPython
	}
	py, err := newPython(path)
	if err != nil {
		return nil, err
	}
	defer py.close()
	out := &PythonFigures{Values: map[string]float64{}}
	if out.Version, err = py.version(ctx); err != nil {
		return nil, err
	}
	for _, f := range Figures() {
		n, ok := sizes[f.ID]
		if !ok {
			continue
		}
		got, err := py.measure(ctx, f.Python(), []string{fmt.Sprintf("%s=%d,%d", f.ID, n, rounds)})
		if err != nil {
			return nil, err
		}
		out.Values[f.ID], out.CPUs = got[f.ID], int(got["cpus"])
	}
	if len(out.Values) != len(sizes) {
		return nil, fmt.Errorf("sidebyside: %d of the %d figures asked for are the course's", len(out.Values), len(sizes))
	}
	return out, nil
}
