// sync.Map shared by goroutines, read back in a fixed order.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var m sync.Map
	var wg sync.WaitGroup
	for i := range 5 {
		wg.Go(func() { m.Store(i, i*i) })
	}
	wg.Wait()
	for i := range 5 {
		v, _ := m.Load(i)
		fmt.Println(i, v)
	}
}
