// playground-corpus: compiled
// Go 1.24's string iterators: strings.Lines and strings.SplitSeq.
package main

import (
	"fmt"
	"strings"
)

func main() {
	for line := range strings.Lines("one\ntwo\nthree\n") {
		fmt.Printf("%q\n", line)
	}
	for part := range strings.SplitSeq("a,b,c", ",") {
		fmt.Println(part)
	}
}
