// Ctrl-C (SIGINT) reaches a program that waits for it with signal.Notify:
// it shuts down in its own way.
package main

import (
	"fmt"
	"os"
	"os/signal"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	defer fmt.Println("deferred: runs, since main returns")
	fmt.Println("ready")
	fmt.Println("got", <-c, "- shutting down")
}
