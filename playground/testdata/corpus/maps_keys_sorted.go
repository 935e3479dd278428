// playground-corpus: compiled
// Sorted keys of a map, the Go 1.23 way: slices.Sorted over maps.Keys.
package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	ages := map[string]int{"carol": 35, "alice": 30, "bob": 25}
	for _, name := range slices.Sorted(maps.Keys(ages)) {
		fmt.Println(name, ages[name])
	}
}
