//go:build go1.26

// playground-corpus: compiled
// errors.AsType (Go 1.26) is generic, and not in the interpreter's
// standard library: the playground runs this program compiled.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

type notFound struct{ name string }

func (e *notFound) Error() string { return e.name + ": not found" }

func find(name string) error {
	return fmt.Errorf("find: %w", &notFound{name})
}

func main() {
	if e, ok := errors.AsType[*notFound](find("x")); ok {
		fmt.Println("not found:", e.name)
	}
	_, err := os.Open("/does/not/exist")
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		fmt.Println(pe.Op, pe.Path)
	}
}
