// playground-corpus: compiled
// A generic Sum over a constraint with ~ types.
package main

import "fmt"

type Number interface {
	~int | ~int64 | ~float64
}

type meters float64

func Sum[T Number](xs ...T) T {
	var total T
	for _, x := range xs {
		total += x
	}
	return total
}

func main() {
	fmt.Println(Sum(1, 2, 3))
	fmt.Println(Sum(1.5, 2.25))
	fmt.Println(Sum[meters](1, 2.5))
}
