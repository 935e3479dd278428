package repl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/gophertutor/concurrency/playground/internal/course"
	"github.com/gophertutor/concurrency/playground/internal/export"
	"github.com/gophertutor/concurrency/playground/internal/frontend"
	"github.com/gophertutor/concurrency/playground/internal/typesys"
)

// toolchainImporter type-checks a compiled cell's program against the
// packages go build compiles it with: the installed Go's standard library
// and the course's packages as they are, from their export data (go list
// -export, which go build's cache then reuses). The interpreter's packages
// (typesys) are Go 1.22's library, which would leave the type of a
// variable made with a newer function (slices.Sorted) unknown. If go list
// fails, it is the interpreter's packages after all.
func toolchainImporter(ctx context.Context, dir string, cells []export.Cell) types.Importer {
	paths := importsOf(cells)
	if len(paths) == 0 {
		return typesys.New()
	}
	goBin, err := course.GoTool("type-checking the cell")
	if err != nil {
		return typesys.New()
	}
	cmd := exec.CommandContext(ctx, goBin, append([]string{"list", "-e", "-export", "-deps", "-json=ImportPath,Export"}, paths...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return typesys.New()
	}
	exports := map[string]string{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct{ ImportPath, Export string }
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return typesys.New()
		}
		if p.Export != "" {
			exports[p.ImportPath] = p.Export
		}
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", func(path string) (io.ReadCloser, error) {
		f, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(f)
	})
}

// importsOf are the import paths the cells' import declarations name.
func importsOf(cells []export.Cell) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cells {
		items, err := frontend.Items(c.Src)
		if err != nil {
			continue
		}
		for _, it := range items {
			text := c.Src.Text[it.Start:it.End]
			if !it.Decl || !strings.HasPrefix(text, "import") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, parser.ImportsOnly)
			if err != nil {
				continue
			}
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok {
					continue
				}
				for _, spec := range g.Specs {
					if p, err := strconv.Unquote(spec.(*ast.ImportSpec).Path.Value); err == nil && !seen[p] {
						seen[p] = true
						out = append(out, p)
					}
				}
			}
		}
	}
	return out
}
