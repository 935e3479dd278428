package dumpcode

import (
	_ "embed"
	"strings"
)

//go:embed dump.go
var source string

// Imports are the imports the declarations of Decls need, path → alias.
var Imports = map[string]string{
	"encoding/json": "__djson",
	"fmt":           "__dfmt",
	"os":            "__dos",
	"reflect":       "__dreflect",
	"strconv":       "__dstrconv",
}

// Decls is the source of this package's declarations, without its package
// clause and imports, for a program to declare them itself.
func Decls() string {
	_, rest, _ := strings.Cut(source, "\n)\n") // the end of the import block
	return rest
}
