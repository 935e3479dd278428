// A program reads its standard input (stdin_lines.in) to the end.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

func main() {
	sc := bufio.NewScanner(os.Stdin)
	lines, words := 0, 0
	for sc.Scan() {
		lines++
		words += len(strings.Fields(sc.Text()))
		fmt.Printf("%d: %s\n", lines, strings.ToUpper(sc.Text()))
	}
	fmt.Println("lines", lines, "words", words)
}
