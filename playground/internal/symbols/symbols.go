package symbols

import (
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
	yaegisyscall "github.com/traefik/yaegi/stdlib/syscall"
	"github.com/traefik/yaegi/stdlib/unrestricted"
)

// Symbols is filled by the generated files: the symbols of the course's
// packages, keyed like yaegi's ("import/path/name").
var Symbols = interp.Exports{}

// Package describes one generated package.
type Package struct {
	// Path is the import path, Name the package name.
	Path, Name string
	// Stub is Go source declaring the package's API, with generics and
	// without bodies: what the front end type-checks imports against.
	Stub string
	// Generic lists the exported generic functions and types: the
	// interpreter can only call them at the instantiations compiled in.
	Generic []string
}

// Packages lists the generated packages, filled by the generated files.
var Packages = map[string]Package{}

// ChildGuards are the lesson packages' RunChildIfRequested functions, filled
// by the generated files (see RunChildGuards).
var ChildGuards []func()

// Skipped lists the lesson packages not in the interpreter, with why: the
// generator could not load them when it last ran, or they run compiled
// (a cell that imports one is a program); filled by the generated files.
var Skipped = map[string]string{}

var (
	allOnce sync.Once
	all     interp.Exports
	byPath  map[string]string // import path → key in all
)

// Exports returns every symbol the interpreter may import: the standard
// library and the course's packages.
func Exports() interp.Exports {
	allOnce.Do(func() {
		all = interp.Exports{}
		byPath = map[string]string{}
		for _, set := range []interp.Exports{stdlib.Symbols, unrestricted.Symbols, yaegisyscall.Symbols, Symbols} {
			for key, syms := range set {
				if all[key] == nil {
					all[key] = map[string]reflect.Value{}
				}
				for name, v := range syms {
					all[key][name] = v
				}
				if i := strings.LastIndexByte(key, '/'); i > 0 {
					byPath[key[:i]] = key
				}
			}
		}
	})
	return all
}

// Lookup returns the symbols of the package with the given import path,
// and its name.
func Lookup(path string) (name string, syms map[string]reflect.Value, ok bool) {
	exports := Exports()
	key, ok := byPath[path]
	if !ok {
		return "", nil, false
	}
	return key[len(path)+1:], exports[key], true
}

// ImportPaths returns the import paths of all importable packages, sorted.
func ImportPaths() []string {
	seen := map[string]bool{}
	var paths []string
	for key := range Exports() {
		i := strings.LastIndexByte(key, '/')
		if i <= 0 || strings.HasPrefix(key, "github.com/traefik/yaegi") {
			continue
		}
		if p := key[:i]; !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return paths
}

// RunChildGuards gives a process started as a lesson's child the chance to
// run its task and exit, the way every program that starts children must
// begin (lesson 00's RunChildIfRequested, lesson 01's ...). In any other
// process it returns at once.
func RunChildGuards() {
	for _, guard := range ChildGuards {
		guard()
	}
}
