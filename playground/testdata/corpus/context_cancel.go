// Cancelling a context stops the goroutine that watches it.
package main

import (
	"context"
	"fmt"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	numbers := make(chan int)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case numbers <- i:
			case <-ctx.Done():
				fmt.Println("generator stopped:", ctx.Err())
				return
			}
		}
	}()
	for n := range numbers {
		if n == 3 {
			break
		}
		fmt.Println(n)
	}
	cancel()
	<-done
}
