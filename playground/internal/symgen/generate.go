package symgen

import (
	"context"
	"fmt"
	"go/format"
	"go/types"
	"path"
	"sort"
	"strings"
)

// Result is the generated files, by name, and the packages skipped.
type Result struct {
	Files   map[string][]byte
	Skipped map[string]string
}

// FilePrefix starts the names of the generated files.
const FilePrefix = "gen_"

// Generate generates the symbols of the course's packages found under the
// module at root.
func Generate(ctx context.Context, root string) (*Result, error) {
	dirs, err := discover(root)
	if err != nil {
		return nil, err
	}
	pkgs, skipped, err := load(ctx, root, dirs)
	if err != nil {
		return nil, err
	}
	// The seeds of the instantiations: the types of the exported
	// variables, such as the registered functions.
	var seeds []types.Type
	for _, p := range pkgs {
		for _, name := range p.Scope().Names() {
			if v, ok := p.Scope().Lookup(name).(*types.Var); ok && v.Exported() {
				seeds = append(seeds, v.Type())
			}
		}
	}
	module, err := modulePath(root)
	if err != nil {
		return nil, err
	}
	for dir, why := range Compiled {
		skipped[module+"/"+dir] = why
	}
	res := &Result{Files: map[string][]byte{}, Skipped: skipped}
	for _, p := range pkgs {
		src := emit(p, seeds)
		out, err := format.Source([]byte(src))
		if err != nil {
			return nil, fmt.Errorf("generate the symbols of %s: format: %w\n%s", p.Path(), err, src)
		}
		res.Files[FilePrefix+fileName(p.Path())+".go"] = out
	}
	res.Files[FilePrefix+"skipped.go"] = skippedFile(skipped)
	return res, nil
}

// fileName names a package's file: lessons_00-overview, registered.
func fileName(p string) string {
	base := path.Base(p)
	if strings.Contains(p, "/lessons/") {
		return "lessons_" + base
	}
	return base
}

// skippedFile lists the packages that did not build.
func skippedFile(skipped map[string]string) []byte {
	var b strings.Builder
	b.WriteString(header + "package symbols\n\n// The course's packages not in the interpreter, and why: they did not build\n// when the symbols were generated, or run compiled (symgen.Compiled).\nfunc init() {\n")
	paths := make([]string, 0, len(skipped))
	for p := range skipped {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(&b, "\tSkipped[%q] = %q\n", p, skipped[p])
	}
	b.WriteString("}\n")
	out, _ := format.Source([]byte(b.String()))
	return out
}
