// range over an integer (Go 1.22), with workers started in the loop.
package main

import (
	"fmt"
	"sync"
)

func main() {
	const workers = 4
	results := make([]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[w] = fmt.Sprintf("worker %d", w)
		}()
	}
	wg.Wait()
	for _, r := range results {
		fmt.Println(r)
	}
	for range 2 {
		fmt.Println("again")
	}
}
