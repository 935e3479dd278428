package symgen

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Extra are the packages outside lessons/ whose symbols are generated too:
// directories of the module, and import paths of its dependencies
// (errgroup, which lesson 02 calls the default way to wait for goroutines
// that can fail).
var Extra = []string{"playground/registered", "golang.org/x/sync/errgroup"}

// Compiled are the lesson directories whose symbols are not given to the
// interpreter, with why: a cell that imports one runs compiled, as a
// program (go run) does.
var Compiled = map[string]string{
	"lessons/06-beyond": "it links a whole NATS server, which would make the playground's first build much slower; a cell that imports it runs compiled",
}

// isImportPath reports whether an entry of Extra is an import path of a
// dependency rather than a directory of the module: its first element has
// a dot, as a module path's does.
func isImportPath(d string) bool {
	first, _, _ := strings.Cut(d, "/")
	return strings.Contains(first, ".")
}

// lessonDir matches the lessons' directories: lessons/00-overview.
var lessonDir = regexp.MustCompile(`^[0-9][0-9]-[a-z0-9-]+$`)

// ModuleRoot finds the directory of the go.mod above dir.
func ModuleRoot(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("find the module root: no go.mod above %s", dir)
		}
	}
}

// modulePath reads the module's path from the go.mod at root.
func modulePath(root string) (string, error) {
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", fmt.Errorf("read the module's path: %w", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", fmt.Errorf("read the module's path: no module line in %s", filepath.Join(root, "go.mod"))
}

// discover returns the directories, relative to root, of the packages to
// generate: each lessons/NN-*/ that has Go files, and Extra.
func discover(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, "lessons"))
	if err != nil {
		return nil, fmt.Errorf("list the lessons: %w", err)
	}
	var dirs []string
	for _, e := range entries {
		if !e.IsDir() || !lessonDir.MatchString(e.Name()) || Compiled["lessons/"+e.Name()] != "" {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(root, "lessons", e.Name(), "*.go"))
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				dirs = append(dirs, "lessons/"+e.Name())
				break
			}
		}
	}
	sort.Strings(dirs)
	return append(dirs, Extra...), nil
}

// listed is what go list says of a package.
type listed struct {
	Dir        string
	ImportPath string
	Name       string
	Export     string
	Standard   bool
	Error      *struct{ Err string }
	DepsErrors []*struct{ Err string }
}

// load builds the packages in dirs (go list -export) and type-checks them
// from their export data. Packages that do not build are returned in
// skipped, with why.
func load(ctx context.Context, root string, dirs []string) (pkgs []*types.Package, skipped map[string]string, err error) {
	args := []string{"list", "-e", "-export", "-deps", "-json=Dir,ImportPath,Name,Export,Standard,Error,DepsErrors"}
	for _, d := range dirs {
		if isImportPath(d) {
			args = append(args, d)
		} else {
			args = append(args, "./"+d)
		}
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, nil, fmt.Errorf("go list the course's packages: %w: %s", err, stderr.String())
	}
	exports := map[string]string{}
	byDir := map[string]*listed{} // and by import path, for dependencies
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("read go list's output: %w", err)
		}
		if p.Export != "" {
			exports[p.ImportPath] = p.Export
		}
		byDir[filepath.Clean(p.Dir)] = &p
		byDir[p.ImportPath] = &p
	}

	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(f)
	})
	skipped = map[string]string{}
	for _, d := range dirs {
		p := byDir[filepath.Join(root, d)]
		if isImportPath(d) {
			p = byDir[d]
		}
		switch {
		case p == nil:
			skipped[d] = "go list did not list it"
			continue
		case p.Error != nil:
			skipped[p.ImportPath] = p.Error.Err
			continue
		case len(p.DepsErrors) > 0:
			skipped[p.ImportPath] = p.DepsErrors[0].Err
			continue
		case p.Export == "" || p.Name == "main":
			skipped[p.ImportPath] = "it has no export data (is it a library package that builds?)"
			continue
		}
		pkg, err := imp.Import(p.ImportPath)
		if err != nil {
			skipped[p.ImportPath] = err.Error()
			continue
		}
		pkgs = append(pkgs, pkg)
	}
	return pkgs, skipped, nil
}
