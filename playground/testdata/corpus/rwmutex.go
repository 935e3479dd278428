// Readers share an RWMutex; a writer has it alone.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.RWMutex
	config := map[string]string{"mode": "fast"}
	var wg sync.WaitGroup
	reads := make([]string, 4)
	for i := range reads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.RLock()
			defer mu.RUnlock()
			reads[i] = config["mode"]
		}()
	}
	wg.Wait()
	mu.Lock()
	config["mode"] = "safe"
	mu.Unlock()
	fmt.Println(reads, config["mode"])
}
