// playground-corpus: sorted
// Closing a channel is a broadcast: every receiver sees it.
package main

import (
	"fmt"
	"sync"
)

func main() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for i := 1; i <= 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-done
			fmt.Println("worker", i, "stopped")
		}()
	}
	close(done)
	wg.Wait()
}
