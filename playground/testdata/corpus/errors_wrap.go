// playground-corpus: compiled
// Wrapping errors with %w, and errors.Is and errors.As.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

type notFound struct{ name string }

func (e *notFound) Error() string { return e.name + " not found" }

func find(name string) error {
	return fmt.Errorf("find: %w", &notFound{name})
}

func main() {
	err := find("gopher")
	fmt.Println(err)
	var nf *notFound
	if errors.As(err, &nf) {
		fmt.Println("as:", nf.name)
	}
	_, err = os.Open("/no/such/file")
	fmt.Println(errors.Is(err, fs.ErrNotExist))
}
