// playground-corpus: compiled
// A deferred call's arguments are evaluated at the defer statement.
package main

import "fmt"

type closer struct{ name string }

func (c *closer) Close() { fmt.Println("closing", c.name) }

func main() {
	x := 1
	defer fmt.Println("x was", x)
	x = 2
	for i := 0; i < 3; i++ {
		defer fmt.Println("iteration", i)
	}
	for _, name := range []string{"a", "b"} {
		c := &closer{name}
		defer c.Close()
	}
	fmt.Println("x is", x)
}
