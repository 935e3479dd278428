// %v and Println of the program's structs, which the interpreter prints
// as Go does: the playground interprets this program.
package main

import "fmt"

type point struct{ x, y int }

type Pair struct{ Key, Value string }

type label string

func (l label) String() string { return "<" + string(l) + ">" }

func main() {
	p := point{1, 2}
	fmt.Println(p, &p, []point{p})
	fmt.Printf("%v %d\n", p, p)
	fmt.Printf("%+v\n", Pair{"a", "b"})
	fmt.Println(label("x"))
}
