// playground-corpus: exit=2 stderr-first-line
// Every goroutine waits for another: the runtime ends the program.
package main

import "fmt"

func main() {
	a, b := make(chan int), make(chan int)
	go func() {
		<-a
		b <- 1
	}()
	fmt.Println("waiting")
	<-b
	a <- 1
}
