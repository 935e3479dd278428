// playground-corpus: exit=2 stderr-first-line
// A panic in any goroutine ends the whole program.
package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("starting")
	go func() {
		panic("boom in a goroutine")
	}()
	time.Sleep(time.Second)
	fmt.Println("never printed")
}
