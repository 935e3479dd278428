// playground-corpus: sorted
// Fan-in: one goroutine per input channel forwards to a single output.
package main

import (
	"fmt"
	"sync"
)

func source(name string, n int) chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		for i := 1; i <= n; i++ {
			ch <- fmt.Sprintf("%s-%d", name, i)
		}
	}()
	return ch
}

func merge(chans []chan string) <-chan string {
	out := make(chan string)
	var wg sync.WaitGroup
	for _, c := range chans {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range c {
				out <- v
			}
		}()
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

func main() {
	chans := []chan string{source("a", 2), source("b", 3), source("c", 1)}
	for v := range merge(chans) {
		fmt.Println(v)
	}
}
