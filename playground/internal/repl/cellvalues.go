package repl

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/scanner"
	"go/token"
	"go/types"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/export"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/supervisor"
	"github.com/gophertutor/concurrency/playground/internal/wire"
)

// valuesCell is the name of the cell that gives a compiled cell its copies
// of the session's variables.
const valuesCell = "session-values"

// cellValues makes the cell that declares copies of the session's
// variables named in names, with the values they have now in the worker,
// for a cell that runs compiled. A variable a literal cannot rebuild (a
// channel, a function, a mutex) is left out, with why in skipped.
func (r *repl) cellValues(ctx context.Context, names []string) (cell *export.Cell, skipped map[string]string, err error) {
	skipped = map[string]string{}
	if len(names) == 0 {
		return nil, skipped, nil
	}
	pkg, err := r.fe.SessionPackage()
	if err != nil {
		return nil, nil, err
	}
	var vars []*types.Var
	for _, n := range names {
		if v, ok := pkg.Scope().Lookup(n).(*types.Var); ok {
			vars = append(vars, v)
		}
	}
	if len(vars) == 0 {
		return nil, skipped, nil
	}
	dir, err := os.MkdirTemp("", "playground-values-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "values.json")
	args := make([]string, len(vars))
	for i, v := range vars {
		args[i] = v.Name()
	}
	src := fmt.Sprintf("%s.%s(%s, %s)", wire.HelperAlias, wire.DumpFunc, strconv.Quote(file), strings.Join(args, ", "))
	res, err := r.sess.Eval(ctx, supervisor.Request{Cell: valuesCell, Chunks: []supervisor.Chunk{{Src: src}}})
	switch {
	case err != nil:
		return nil, nil, err
	case res.Crash != nil:
		return nil, nil, fmt.Errorf("the worker died while copying the session's variables")
	case res.Err != nil:
		return nil, nil, fmt.Errorf("copy the session's variables: %s", cleanInterpreterMessage(res.Err.Msg))
	}
	d, err := readDump(file)
	if err != nil {
		return nil, nil, fmt.Errorf("copy the session's variables: %w", err)
	}
	if d.Err != "" {
		for _, v := range vars {
			skipped[v.Name()] = d.Err
		}
		return nil, skipped, nil
	}
	if len(d.Values) != len(vars) {
		return nil, nil, fmt.Errorf("copy the session's variables: %d values for %d variables", len(d.Values), len(vars))
	}

	q, aliases := importAliases()
	var decls strings.Builder
	for i, v := range vars {
		lit, err := export.Literal(v.Type(), d.Values[i], q)
		if err != nil {
			skipped[v.Name()] = err.Error()
			continue
		}
		fmt.Fprintf(&decls, "var %s %s = %s\n", v.Name(), types.TypeString(v.Type(), q), lit)
	}
	if decls.Len() == 0 {
		return nil, skipped, nil
	}
	var text strings.Builder
	for _, p := range slices.Sorted(maps.Keys(aliases)) {
		fmt.Fprintf(&text, "import %s %s\n", aliases[p], strconv.Quote(p))
	}
	text.WriteString(decls.String())
	return &export.Cell{Src: frontend.NewSource(valuesCell, text.String(), false)}, skipped, nil
}

// sessionVarsIn returns the session's variables that text names (any
// identifier with a variable's name: a local of the same name costs a
// copy, no more).
func (r *repl) sessionVarsIn(text string, have map[string]bool) []string {
	vars := map[string]bool{}
	for _, v := range r.fe.Vars() {
		vars[v.Name] = true
	}
	var out []string
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(text)), []byte(text), nil, 0)
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.IDENT && vars[lit] && !have[lit] {
			have[lit] = true
			out = append(out, lit)
		}
	}
	return out
}

// takeBack gives the session the values a compiled cell's program dumped
// when it ended: the session's variables it had copies of get their new
// values, and the variables it declared are declared in the session with
// theirs, each by a cell of its own that the front end compiles and the
// worker runs. A variable that cannot come back (a channel, a function, a
// value of a type the cell declared) is said so. It returns the names that
// came back.
func (r *repl) takeBack(ctx context.Context, prog *export.Program, file string) map[string]bool {
	kept := map[string]bool{}
	if len(prog.Dumped) == 0 {
		return kept
	}
	d, err := readDump(file)
	if errors.Is(err, fs.ErrNotExist) {
		return kept // the program did not reach its end (os.Exit)
	}
	if err != nil || d.Err != "" || len(d.Values) != len(prog.Dumped) {
		why := d.Err
		if why == "" {
			why = fmt.Sprintf("the program's dump is unreadable (%v)", err)
		}
		fmt.Fprintf(r.ed, "playground: the cell's variables did not come back: %s\n", why)
		return kept
	}
	have := map[string]bool{}
	for _, v := range r.fe.Vars() {
		have[v.Name] = true
	}
	var lost []string
	for i, dv := range prog.Dumped {
		q, aliases := importAliases()
		lit, err := export.Literal(dv.Type, d.Values[i], q)
		if err != nil {
			lost = append(lost, dv.Name+" ("+err.Error()+")")
			continue
		}
		var text strings.Builder
		for _, p := range slices.Sorted(maps.Keys(aliases)) {
			fmt.Fprintf(&text, "import %s %s\n", aliases[p], strconv.Quote(p))
		}
		if have[dv.Name] {
			fmt.Fprintf(&text, "%s = %s\n", dv.Name, lit)
		} else {
			fmt.Fprintf(&text, "var %s %s = %s\n", dv.Name, types.TypeString(dv.Type, q), lit)
		}
		r.log.copies++ // not a cell of the learner's: it takes no cell number
		if why := r.evalQuietly(ctx, frontend.NewSource(fmt.Sprintf("copy%d", r.log.copies), text.String(), false)); why != "" {
			lost = append(lost, dv.Name+" ("+why+")")
			continue
		}
		kept[dv.Name] = true
	}
	if len(lost) > 0 {
		fmt.Fprintf(r.ed, "playground: not kept in the session: %s\n", strings.Join(lost, "; "))
	}
	return kept
}

// evalQuietly compiles and runs a cell the playground wrote, without
// showing it; it returns why it failed, or "".
func (r *repl) evalQuietly(ctx context.Context, src *frontend.Source) string {
	prog, err := r.fe.Compile(src)
	if err != nil {
		var errs frontend.ErrorList
		if errors.As(err, &errs) && len(errs) > 0 {
			return errs[0].Msg
		}
		return err.Error()
	}
	if len(prog.CheckErrors) > 0 {
		return prog.CheckErrors[0].Msg
	}
	res, err := r.sess.Eval(ctx, request(prog, false))
	switch {
	case err != nil:
		return err.Error()
	case res.Crash != nil:
		return "the worker died"
	case res.Err != nil:
		return cleanInterpreterMessage(res.Err.Msg)
	}
	r.fe.Commit(prog, res.Evaluated)
	r.log.ran(prog, 0)
	return ""
}

// readDump reads the values a dump wrote to file.
func readDump(file string) (wire.Dump, error) {
	var d wire.Dump
	data, err := os.ReadFile(file)
	if err != nil {
		return d, err
	}
	return d, json.Unmarshal(data, &d)
}

// importAliases names the packages of the types a cell the playground
// writes mentions: the cell imports each under an alias of its own
// (aliases, path → alias), so that no name of the session's is shadowed.
func importAliases() (types.Qualifier, map[string]string) {
	aliases := map[string]string{}
	return func(p *types.Package) string {
		if p.Path() == "main" {
			return ""
		}
		if a, ok := aliases[p.Path()]; ok {
			return a
		}
		a := fmt.Sprintf("__v%d", len(aliases)+1)
		aliases[p.Path()] = a
		return a
	}, aliases
}
