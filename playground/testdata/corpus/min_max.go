// min, max (Go 1.21) and clear over results gathered by goroutines.
package main

import (
	"fmt"
	"sync"
)

func main() {
	latencies := []int{30, 10, 20}
	fastest, slowest := latencies[0], latencies[0]
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, l := range latencies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			fastest = min(fastest, l)
			slowest = max(slowest, l)
		}()
	}
	wg.Wait()
	fmt.Println(fastest, slowest)
	seen := map[int]bool{1: true}
	clear(seen)
	fmt.Println(len(seen))
}
