// playground-corpus: compiled
// Turning a push iterator into a pull one with iter.Pull.
package main

import (
	"fmt"
	"iter"
)

func fib() iter.Seq[int] {
	return func(yield func(int) bool) {
		a, b := 0, 1
		for {
			if !yield(a) {
				return
			}
			a, b = b, a+b
		}
	}
}

func main() {
	next, stop := iter.Pull(fib())
	defer stop()
	for range 8 {
		v, _ := next()
		fmt.Print(v, " ")
	}
	fmt.Println()
}
