// playground-corpus: compiled
// Sorting structs by a field with slices.SortFunc and cmp.Compare.
package main

import (
	"cmp"
	"fmt"
	"slices"
)

type person struct {
	name string
	age  int
}

func main() {
	people := []person{{"Alice", 30}, {"Bob", 25}, {"Carol", 35}, {"Dan", 25}}
	slices.SortStableFunc(people, func(a, b person) int { return cmp.Compare(a.age, b.age) })
	for _, p := range people {
		fmt.Printf("%s is %d\n", p.name, p.age)
	}
}
