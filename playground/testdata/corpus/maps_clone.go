// playground-corpus: compiled
// maps.Clone, maps.Equal and maps.DeleteFunc.
package main

import (
	"fmt"
	"maps"
)

func main() {
	a := map[string]int{"x": 1, "y": 2, "z": 3}
	b := maps.Clone(a)
	fmt.Println(maps.Equal(a, b))
	maps.DeleteFunc(b, func(k string, v int) bool { return v%2 == 1 })
	fmt.Println(maps.Equal(a, b), len(b), b["y"])
}
