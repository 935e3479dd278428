// A program that does not handle SIGINT is ended by it.
package main

import (
	"fmt"
	"time"
)

func main() {
	defer fmt.Println("deferred: never printed")
	fmt.Println("ready")
	time.Sleep(time.Minute)
}
