// playground-corpus: sorted
// sync.WaitGroup.Go (Go 1.25) starts a goroutine and counts it.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, name := range []string{"square", "cube", "double"} {
		wg.Go(func() {
			mu.Lock()
			defer mu.Unlock()
			fmt.Println("ran", name)
		})
	}
	wg.Wait()
}
