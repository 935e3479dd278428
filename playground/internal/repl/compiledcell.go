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
	"regexp"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/course"
	"github.com/gophertutor/concurrency/playground/internal/export"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/supervisor"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// compiledCellNote starts the line a REPL cell that runs compiled writes
// first, with the reason.
const compiledCellNote = "playground: %s runs compiled (go build), as go run would; its variables come back to the session as copies. Why: %s\n"

// undefinedRE finds the compiler's "undefined: x".
var undefinedRE = regexp.MustCompile(`undefined: (\w+)`)

// runsCompiled reports whether every error of a refused cell is one that
// running it compiled settles: code the interpreter would run differently
// from Go, or a package or name that Go has and the interpreter lacks.
// A real mistake (a type error Go makes too) is not one of them.
// A name declared by an earlier cell that ran compiled (declared) is one
// too: the interpreter does not have it, a compiled cell does.
func runsCompiled(err error, declared map[string]string) (frontend.ErrorList, bool) {
	var errs frontend.ErrorList
	if !errors.As(err, &errs) || len(errs) == 0 {
		return nil, false
	}
	for _, e := range errs {
		m := undefinedRE.FindStringSubmatch(e.Msg)
		if !strings.Contains(e.Hint, frontend.RunCompiledHint) && (m == nil || declared[m[1]] == "") {
			return nil, false
		}
	}
	return errs, true
}

// lostHint says, for a refused cell, that a name it misses was a variable
// of a cell that ran compiled, gone with its program.
func (r *repl) lostHint(err error) {
	var errs frontend.ErrorList
	if !errors.As(err, &errs) {
		return
	}
	for _, e := range errs {
		if m := undefinedRE.FindStringSubmatch(e.Msg); m != nil && r.log.lost[m[1]] != "" {
			fmt.Fprintf(r.ed, "%s was declared by %s, which ran compiled: its variables ended with its program. Declare %s where the interpreter keeps it, or use it in the same cell.\n", m[1], strings.Replace(r.log.lost[m[1]], "cell", "cell ", 1), m[1])
			return
		}
	}
}

// evalCompiled runs a cell the front end refused, compiled, when running
// it compiled settles every refusal: the program is the session's imports,
// types, functions and constants (the cells that ran, without their
// statements), copies of the session's variables the cell uses, with the
// values they have now in the worker, and the whole cell. If that program
// does not build (a variable cannot be copied, or Go refuses the cell too),
// the cell's refusal is shown, with why it could not run compiled. It
// reports whether it handled the cell.
func (r *repl) evalCompiled(ctx context.Context, src *frontend.Source, refusal error) bool {
	errs, ok := runsCompiled(refusal, r.log.declared)
	if !ok || src.File {
		return false
	}
	goBin, err := course.GoTool("running the cell compiled")
	if err != nil {
		return false
	}
	ctx, stop := r.interruptible(ctx)
	defer stop()
	dir, cleanup, err := buildDir()
	if err != nil {
		return false
	}
	defer cleanup()

	// The session's variables the cell names start as copies; one that a
	// session function uses, found when the first build misses it, too.
	have := map[string]bool{}
	names := r.sessionVarsIn(src.Text, have)
	var prog *export.Program
	var skipped map[string]string
	for attempt := 0; ; attempt++ {
		values, sk, err := r.cellValues(ctx, names)
		if err != nil {
			r.rep.compileErrors(src.Name, refusal)
			fmt.Fprintf(r.ed, "It cannot run compiled either: %v\n", err)
			r.failed.Store(true)
			return true
		}
		skipped = sk
		cells := make([]export.Cell, 0, len(r.log.cells)+len(r.log.compiled)+2)
		for _, c := range r.log.cells {
			c.DeclsOnly = true
			cells = append(cells, c)
		}
		cells = append(cells, r.log.compiled...)
		if values != nil {
			values.Dump = true
			cells = append(cells, *values)
		}
		cells = append(cells, export.Cell{Src: src, Dump: true})
		prog, err = export.Write(cells, toolchainImporter(ctx, dir, cells))
		if err != nil {
			return false
		}
		if err := os.WriteFile(filepath.Join(dir, export.FileName), []byte(prog.Source), 0o644); err != nil {
			return false
		}
		var out bytes.Buffer
		build := exec.CommandContext(ctx, goBin, "build", "-o", "cell", export.FileName)
		build.Dir = dir
		build.Stdout, build.Stderr = &out, &out
		err = build.Run()
		if err == nil {
			break
		}
		if ctx.Err() != nil {
			fmt.Fprintln(r.ed, "interrupted: the build stopped")
			return true
		}
		missing := r.sessionVarsIn(strings.Join(undefinedRE.FindAllString(out.String(), -1), " "), have)
		if attempt == 0 && len(missing) > 0 {
			names = append(names, missing...)
			continue
		}
		r.rep.compileErrors(src.Name, refusal)
		first := firstBuildError(prog, out.String())
		if m := undefinedRE.FindStringSubmatch(first); m != nil && skipped[m[1]] != "" {
			fmt.Fprintf(r.ed, "It cannot run compiled either: it uses the session's variable %s, and %s.\n", m[1], skipped[m[1]])
		} else {
			fmt.Fprintf(r.ed, "It cannot run compiled either, as a program of the session's declarations and this cell: %s\n", first)
		}
		r.failed.Store(true)
		return true
	}
	if len(names) > len(skipped) {
		var copied []string
		for _, n := range names {
			if skipped[n] == "" {
				copied = append(copied, n)
			}
		}
		why := strings.TrimSuffix(r.reason(src, errs[0]), ".")
		fmt.Fprintf(r.ed, compiledCellNote, src.Name, why+"; it starts from copies of the session's "+strings.Join(copied, ", "))
	} else {
		fmt.Fprintf(r.ed, compiledCellNote, src.Name, r.reason(src, errs[0]))
	}
	dumpFile := filepath.Join(dir, "dump.json")
	err = r.runProgram(ctx, filepath.Join(dir, "cell"), prog, []string{wire.DumpEnv + "=" + dumpFile})
	kept := map[string]bool{}
	if err == nil && ctx.Err() == nil {
		kept = r.takeBack(ctx, prog, dumpFile)
	}
	r.log.ranCompiled(src, kept)
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
func (r *repl) reason(src *frontend.Source, e frontend.Error) string {
	if m := undefinedRE.FindStringSubmatch(e.Msg); m != nil && r.log.declared[m[1]] != "" {
		e.Msg = m[1] + " was declared by " + strings.Replace(r.log.declared[m[1]], "cell", "cell ", 1) + ", which ran compiled"
	}
	return reason(src, e)
}

func reason(src *frontend.Source, e frontend.Error) string {
	why := e.Msg
	if first, _, _ := strings.Cut(e.Hint, "\n"); strings.HasPrefix(why, "undefined:") && first != "" && first != frontend.RunCompiledHint {
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

// interpreterRefused reports a cell (or program) the interpreter failed to
// compile although go/types accepted it (yaegi's generics fail so: "undefined
// type for T"), when nothing of it ran but declarations: it can then run
// compiled from the start. The error says so, with the run-compiled hint.
func interpreterRefused(fe *frontend.Session, prog *frontend.Program, res supervisor.Result) (frontend.ErrorList, bool) {
	if res.Err == nil || res.Err.Panic || res.Crash != nil || len(prog.CheckErrors) > 0 {
		return nil, false
	}
	for _, c := range prog.Chunks[:min(res.Evaluated, len(prog.Chunks))] {
		if !c.Decl {
			return nil, false // statements ran: running it again would repeat them
		}
	}
	e := fe.Locate(cleanInterpreterMessage(res.Err.Msg))
	e.Msg = "the interpreter cannot compile this, though Go can: " + e.Msg
	e.Hint = frontend.RunCompiledHint
	return frontend.ErrorList{e}, true
}
