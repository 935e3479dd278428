package repl

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/course"
	"github.com/gophertutor/concurrency/playground/internal/export"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

// compiledCellNote starts the line a REPL cell that runs compiled writes
// first, with the reason.
const compiledCellNote = "playground: %s runs compiled (go build), as go run would; what it declares is not kept in the session. Why: %s\n"

// runsCompiled reports whether every error of a refused cell is one that
// running it compiled settles: code the interpreter would run differently
// from Go, or a package or name that Go has and the interpreter lacks.
// A real mistake (a type error Go makes too) is not one of them.
func runsCompiled(err error) (frontend.ErrorList, bool) {
	var errs frontend.ErrorList
	if !errors.As(err, &errs) || len(errs) == 0 {
		return nil, false
	}
	for _, e := range errs {
		if !strings.Contains(e.Hint, frontend.RunCompiledHint) {
			return nil, false
		}
	}
	return errs, true
}

// evalCompiled runs a cell the front end refused, compiled, when running
// it compiled settles every refusal: the program is the session's imports,
// types, functions and constants (the cells that ran, without their
// statements and variables, which live in the interpreter) and the whole
// cell. If that program does not build (the cell uses the session's
// variables, or Go refuses it too), the cell's refusal is shown, with
// why it could not run compiled. It reports whether it handled the cell.
func (r *repl) evalCompiled(ctx context.Context, src *frontend.Source, refusal error) bool {
	errs, ok := runsCompiled(refusal)
	if !ok || src.File {
		return false
	}
	goBin, err := course.GoTool("running the cell compiled")
	if err != nil {
		return false
	}
	cells := make([]export.Cell, 0, len(r.log.cells)+1)
	for _, c := range r.log.cells {
		c.DeclsOnly = true
		cells = append(cells, c)
	}
	cells = append(cells, export.Cell{Src: src})
	prog, err := export.Write(cells, typesys.New())
	if err != nil {
		return false
	}
	dir, cleanup, err := buildDir()
	if err != nil {
		return false
	}
	defer cleanup()
	if err := os.WriteFile(filepath.Join(dir, export.FileName), []byte(prog.Source), 0o644); err != nil {
		return false
	}
	ctx, stop := r.interruptible(ctx)
	defer stop()
	var out bytes.Buffer
	build := exec.CommandContext(ctx, goBin, "build", "-o", "cell", export.FileName)
	build.Dir = dir
	build.Stdout, build.Stderr = &out, &out
	if err := build.Run(); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(r.ed, "interrupted: the build stopped")
			return true
		}
		r.rep.compileErrors(src.Name, refusal)
		fmt.Fprintf(r.ed, "It cannot run compiled either, as a program of the session's declarations and this cell: %s\n", firstBuildError(prog, out.String()))
		fmt.Fprintln(r.ed, "A compiled cell has the session's imports, types, functions and constants, not its variables (they live in the interpreter): make the values it needs in the cell itself, or put the program in a file.")
		r.failed.Store(true)
		return true
	}
	fmt.Fprintf(r.ed, compiledCellNote, src.Name, reason(src, errs[0]))
	err = r.runProgram(ctx, filepath.Join(dir, "cell"), prog)
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(r.ed, "interrupted: the compiled cell was stopped")
		r.failed.Store(true)
	case errors.As(err, &exit):
		fmt.Fprintf(r.ed, "%s (compiled): %s\n", src.Name, exit.String())
		r.failed.Store(true)
	case err != nil:
		fmt.Fprintf(r.ed, "playground: run %s compiled: %v\n", src.Name, err)
		r.failed.Store(true)
	}
	return true
}

// reason says in one line why a cell runs compiled: the first refusal,
// where it is, and for a name the interpreter lacks, the hint that says so.
func reason(src *frontend.Source, e frontend.Error) string {
	why := e.Msg
	if first, _, _ := strings.Cut(e.Hint, "\n"); strings.HasPrefix(why, "undefined:") && first != frontend.RunCompiledHint {
		why += ": " + first
	}
	if where := e.Where(src.Name); where != "" {
		why = where + ": " + why
	}
	return why
}

// firstBuildError is the compiler's first message, pointed at the cell.
func firstBuildError(prog *export.Program, out string) string {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		line, keep := prog.MapLine(sc.Text())
		if keep && strings.TrimSpace(line) != "" {
			first, _, _ := strings.Cut(line, "\n")
			return first
		}
	}
	return strings.TrimSpace(out)
}
