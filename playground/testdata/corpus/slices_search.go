// playground-corpus: compiled
// Searching sorted and unsorted slices.
package main

import (
	"fmt"
	"slices"
)

func main() {
	xs := []int{2, 3, 5, 7, 11, 13}
	i, found := slices.BinarySearch(xs, 7)
	fmt.Println(i, found)
	i, found = slices.BinarySearch(xs, 8)
	fmt.Println(i, found)
	fmt.Println(slices.Index(xs, 11), slices.Contains(xs, 4))
	fmt.Println(slices.Max(xs), slices.Min(xs))
}
