// playground-corpus: compiled
// A nil pointer in an interface makes an interface that is not nil.
package main

import "fmt"

type myErr struct{}

func (*myErr) Error() string { return "my error" }

func find(ok bool) error {
	var e *myErr
	if !ok {
		e = &myErr{}
	}
	return e
}

func main() {
	err := find(true)
	fmt.Println("err == nil:", err == nil)
	fmt.Printf("%v\n", find(false))
}
