// playground-corpus: exit=2 stderr-first-line
// runtime.Goexit ends main's goroutine while another waits for good: the
// runtime reports a deadlock.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	never := make(chan int)
	go func() {
		<-never
	}()
	fmt.Println("main leaves by runtime.Goexit")
	runtime.Goexit()
}
