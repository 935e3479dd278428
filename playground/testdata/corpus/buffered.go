// A buffered channel holds values until a receiver comes.
package main

import "fmt"

func main() {
	ch := make(chan string, 3)
	ch <- "a"
	ch <- "b"
	fmt.Println(len(ch), cap(ch))
	ch <- "c"
	close(ch)
	for s := range ch {
		fmt.Print(s)
	}
	fmt.Println()
}
