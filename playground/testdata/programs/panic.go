// A panic in main: the report names the program's functions only.
package main

import "fmt"

func inner(n int) int {
	if n == 0 {
		panic("boom")
	}
	return inner(n - 1)
}

func main() {
	fmt.Println("start")
	inner(2)
}
