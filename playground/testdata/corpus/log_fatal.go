// playground-corpus: exit=1 stderr-first-line
// log.Fatal prints, then exits with 1: deferred calls do not run.
package main

import (
	"fmt"
	"log"
)

func main() {
	defer fmt.Println("never printed")
	log.SetFlags(0)
	log.SetPrefix("app: ")
	fmt.Println("before")
	log.Fatalf("cannot go on: %d", 42)
}
