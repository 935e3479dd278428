// A panic in a goroutine ends the whole program, here and in compiled Go.
package main

import (
	"fmt"
	"time"
)

func main() {
	fmt.Println("starting")
	go func() {
		panic("boom")
	}()
	time.Sleep(time.Second)
	fmt.Println("never printed")
}
