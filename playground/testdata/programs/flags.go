// The flag package and os.Args see the program's own arguments.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	word := flag.String("word", "none", "a `word` to print")
	n := flag.Int("n", 1, "how many times")
	flag.Parse()
	for range *n {
		fmt.Println("word:", *word)
	}
	fmt.Println("rest:", flag.Args(), "NArg:", flag.NArg())
	fmt.Println("os.Args[1:]:", os.Args[1:])
	fmt.Println("CommandLine parsed:", flag.CommandLine.Parsed(), "name:", flag.CommandLine.Name() == os.Args[0])
}
