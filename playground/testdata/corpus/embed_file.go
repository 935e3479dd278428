// playground-corpus: compiled
// go:embed puts a file into the program: the interpreter has no embed, so
// the playground runs this program compiled.
package main

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:embed embed_file.txt
var greeting string

func main() {
	fmt.Println(strings.TrimSpace(greeting))
}
