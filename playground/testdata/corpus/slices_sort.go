// playground-corpus: compiled
// The generic functions of slices and maps that Go 1.21+ has: the
// interpreter's slices.Sort is missing and slices.Equal fails to
// instantiate, so the playground runs this program compiled.
package main

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

type person struct {
	name string
	age  int
}

func main() {
	xs := []int{3, 1, 2}
	slices.Sort(xs)
	fmt.Println(xs, slices.Equal(xs, []int{1, 2, 3}))

	people := []person{{"Alice", 30}, {"Bob", 25}, {"Carol", 35}}
	slices.SortFunc(people, func(a, b person) int { return cmp.Compare(a.age, b.age) })
	for _, p := range people {
		fmt.Println(p.name, p.age)
	}
	i, found := slices.BinarySearchFunc(people, 30, func(p person, age int) int { return cmp.Compare(p.age, age) })
	fmt.Println(i, found)

	m := map[string]int{"a": 1, "b": 2}
	fmt.Println(maps.Equal(m, map[string]int{"b": 2, "a": 1}))
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(strings.Join(keys, ","), slices.Max(xs))
}
