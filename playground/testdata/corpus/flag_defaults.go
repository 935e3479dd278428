// Flags with their defaults, when the program is given none.
package main

import (
	"flag"
	"fmt"
)

func main() {
	n := flag.Int("n", 3, "how many")
	name := flag.String("name", "gopher", "who")
	verbose := flag.Bool("v", false, "say more")
	flag.Parse()
	fmt.Println(*n, *name, *verbose, flag.NArg())
}
