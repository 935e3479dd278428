// Standard output and standard error, written in turn: on one terminal
// they interleave in the order they were written.
package main

import (
	"fmt"
	"log"
	"os"
)

func main() {
	log.SetFlags(0)
	for i := range 3 {
		fmt.Println("out", i)
		fmt.Fprintln(os.Stderr, "err", i)
		os.Stdout.WriteString("out again\n")
		log.Print("log ", i)
		println("println", i, 2.5, 1e21, float32(0.1), true, 'a', 3+4i)
		print("print", i, "\n")
	}
	fmt.Print("no newline, then ")
	fmt.Fprint(os.Stderr, "stderr\n")
}
