// A ticker ticks until it is stopped.
package main

import (
	"fmt"
	"time"
)

func main() {
	ticker := time.NewTicker(10 * time.Millisecond)
	defer ticker.Stop()
	n := 0
	for range ticker.C {
		n++
		fmt.Println("tick", n)
		if n == 3 {
			break
		}
	}
}
