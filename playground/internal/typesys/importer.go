package typesys

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path"
	"reflect"
	"strings"
	"sync"

	gen "github.com/traefik/yaegi/stdlib/generic"

	"github.com/gophertutor/concurrency/playground/internal/symbols"
)

// Importer is a types.Importer for the playground's packages.
type Importer struct {
	mu       sync.Mutex
	fset     *token.FileSet
	pkgs     map[string]*types.Package // by path, complete or placeholder
	complete map[string]bool
	cache    map[reflect.Type]types.Type
	generic  map[string]string // generic standard packages: path → source
	loading  map[string]bool   // stub packages being checked (import cycles)
}

// New returns an Importer.
func New() *Importer {
	im := &Importer{
		fset:     token.NewFileSet(),
		pkgs:     map[string]*types.Package{},
		complete: map[string]bool{},
		cache:    map[reflect.Type]types.Type{},
		generic:  map[string]string{},
		loading:  map[string]bool{},
	}
	for _, src := range gen.Sources {
		if f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly); err == nil {
			im.generic[f.Name.Name] = src // cmp, maps, slices: their path is their name
		}
	}
	return im
}

// Import returns the package with the given import path.
func (im *Importer) Import(p string) (*types.Package, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	return im.load(p)
}

func (im *Importer) load(p string) (*types.Package, error) {
	if p == "unsafe" {
		return types.Unsafe, nil
	}
	if im.complete[p] {
		return im.pkgs[p], nil
	}
	if stub, ok := symbols.Packages[p]; ok {
		return im.check(p, stub.Stub)
	}
	if src, ok := im.generic[p]; ok {
		return im.check(p, src)
	}
	name, syms, ok := symbols.Lookup(p)
	if !ok {
		return nil, fmt.Errorf("package %q is not available in the playground", p)
	}
	pkg := im.pkg(p, name)
	for n, v := range syms {
		im.declare(pkg, n, v)
	}
	pkg.MarkComplete()
	im.complete[p] = true
	return pkg, nil
}

// check type-checks a package's source: a stub or a generic package.
func (im *Importer) check(p, src string) (*types.Package, error) {
	if im.loading[p] {
		return nil, fmt.Errorf("import cycle through %q", p)
	}
	im.loading[p] = true
	defer delete(im.loading, p)
	f, err := parser.ParseFile(im.fset, p+".go", src, parser.SkipObjectResolution)
	if err != nil {
		return nil, fmt.Errorf("parse the API of %q: %w", p, err)
	}
	conf := types.Config{
		Importer: importerFunc(im.load),
		Error:    func(error) {}, // keep going: an incomplete package is better than none
	}
	pkg, _ := conf.Check(p, im.fset, []*ast.File{f}, nil)
	im.pkgs[p] = pkg
	im.complete[p] = true
	return pkg, nil
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(p string) (*types.Package, error) { return f(p) }

// pkg returns the package for a path, creating a placeholder that
// collects the types other packages refer to until it is imported.
func (im *Importer) pkg(p, name string) *types.Package {
	if pkg, ok := im.pkgs[p]; ok {
		return pkg
	}
	if name == "" {
		name = path.Base(p)
	}
	pkg := types.NewPackage(p, name)
	im.pkgs[p] = pkg
	return pkg
}

// declare adds symbol name to pkg. The interpreter's symbols are
// reflect values: a nil pointer to a type for a type, an addressable value
// for a variable, a func for a func, and a constant.Value or a plain value
// for a constant. Names starting with "_" are interface wrappers.
func (im *Importer) declare(pkg *types.Package, name string, v reflect.Value) {
	if strings.HasPrefix(name, "_") || !v.IsValid() || pkg.Scope().Lookup(name) != nil {
		return
	}
	var obj types.Object
	switch {
	case v.Kind() == reflect.Pointer && v.IsNil() && !v.CanAddr():
		t := v.Type().Elem()
		typ := im.typeOf(t)
		if t.Name() == name && t.PkgPath() == pkg.Path() {
			return // typeOf declared it
		}
		obj = types.NewTypeName(token.NoPos, pkg, name, typ) // an alias
	case v.CanAddr():
		obj = types.NewVar(token.NoPos, pkg, name, im.typeOf(v.Type()))
	case v.Kind() == reflect.Func:
		obj = types.NewFunc(token.NoPos, pkg, name, im.signature(v.Type(), nil))
	default:
		typ, val, ok := im.constant(v)
		if !ok {
			return
		}
		obj = types.NewConst(token.NoPos, pkg, name, typ, val)
	}
	pkg.Scope().Insert(obj)
}
