// playground-corpus: compiled
// Deferred calls run last in, first out; recover stops a panic.
package main

import "fmt"

func safeDivide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func main() {
	for i := range 3 {
		defer fmt.Println("deferred", i)
	}
	fmt.Println(safeDivide(7, 2))
	fmt.Println(safeDivide(1, 0))
}
