//go:build go1.26

// playground-corpus: compiled
// Go 1.26's new(expr): the interpreter would make a pointer to a zero
// value, so the playground runs this program compiled.
package main

import "fmt"

type config struct {
	retries *int
	name    *string
}

func main() {
	p := new(42)
	fmt.Println(*p)
	c := config{retries: new(3), name: new("primary")}
	fmt.Println(*c.retries, *c.name)
}
