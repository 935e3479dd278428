// The producer closes the channel; range stops when it is drained.
package main

import "fmt"

func produce(n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 1; i <= n; i++ {
			out <- i
		}
	}()
	return out
}

func main() {
	sum := 0
	for v := range produce(10) {
		sum += v
	}
	fmt.Println("sum:", sum)
}
