// playground-corpus: exit=2 stderr-first-line
// runtime.Goexit ends main's goroutine after its deferred calls; the other
// goroutines go on, and once none is left the runtime ends the program.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	done := make(chan struct{})
	go func() {
		<-done
		fmt.Println("the other goroutine ends")
	}()
	defer close(done)
	defer fmt.Println("main's deferred calls run")
	runtime.Goexit()
	fmt.Println("never printed")
}
