// A signal the program sends itself reaches its signal.Notify channel.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	fmt.Println("got", <-c)
	signal.Stop(c)
}
