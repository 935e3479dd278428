// playground-corpus: compiled
// %+v, %#v and %T of the program's own types: the interpreter has no
// names for them, so the playground runs this program compiled.
package main

import "fmt"

type point struct{ x, y int }

type celsius float64

type label string

func (l label) String() string { return "<" + string(l) + ">" }

func main() {
	p := point{1, 2}
	fmt.Printf("%v %+v\n", p, p)
	fmt.Printf("%#v\n", p)
	fmt.Printf("%T %T\n", p, &p)
	fmt.Printf("%v %T\n", celsius(21.5), celsius(21.5))
	fmt.Println([]label{"a", "b"})
	fmt.Println(fmt.Sprintf("%+v", []point{{3, 4}}))
}
