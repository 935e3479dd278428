// playground-corpus: compiled
// Range over a function (Go 1.23) and iter.Seq, which the interpreter
// has not: the playground runs this program compiled.
package main

import (
	"fmt"
	"iter"
)

func countdown(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := n; i > 0; i-- {
			if !yield(i) {
				return
			}
		}
	}
}

func pairs(xs []string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, x := range xs {
			if !yield(i, x) {
				return
			}
		}
	}
}

func main() {
	for i := range countdown(5) {
		if i == 2 {
			break
		}
		fmt.Println(i)
	}
	for i, s := range pairs([]string{"a", "b"}) {
		fmt.Println(i, s)
	}
	next, stop := iter.Pull(countdown(2))
	defer stop()
	for {
		v, ok := next()
		if !ok {
			break
		}
		fmt.Println("pulled", v)
	}
}
