// playground-corpus: compiled
// A type with a String method, printed alone and inside a slice.
package main

import "fmt"

type color int

const (
	red color = iota
	green
	blue
)

func (c color) String() string { return [...]string{"red", "green", "blue"}[c] }

func main() {
	fmt.Println(green)
	fmt.Println([]color{red, blue})
	fmt.Printf("%v %d\n", blue, blue)
}
