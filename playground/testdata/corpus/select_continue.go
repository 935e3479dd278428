// playground-corpus: compiled
// A continue in a case of a select goes on with the loop around it.
package main

import "fmt"

func main() {
	c := make(chan int, 10)
	for i := range 10 {
		c <- i
	}
	n := 0
	for {
		select {
		case <-c:
			n++
			if n < 3 {
				continue
			}
		}
		break
	}
	fmt.Println("n", n)
}
