// playground-corpus: exit=2 stderr-first-line
// A panic with an error value prints the error's text.
package main

import (
	"errors"
	"fmt"
)

func main() {
	fmt.Println("start")
	panic(fmt.Errorf("load config: %w", errors.New("file not found")))
}
