// playground-corpus: compiled
// Struct embedding: promoted fields and methods.
package main

import "fmt"

type animal struct{ name string }

func (a animal) speak() string { return a.name + " makes a sound" }

type dog struct {
	animal
	breed string
}

func main() {
	d := dog{animal{"Rex"}, "collie"}
	fmt.Println(d.name, d.breed)
	fmt.Println(d.speak())
	fmt.Printf("%+v\n", d)
}
