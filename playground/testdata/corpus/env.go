// The environment: set, read and unset a variable.
package main

import (
	"fmt"
	"os"
)

func main() {
	_, ok := os.LookupEnv("PLAYGROUND_CORPUS_UNSET")
	fmt.Println("set before:", ok)
	os.Setenv("PLAYGROUND_CORPUS_UNSET", "42")
	fmt.Println(os.Getenv("PLAYGROUND_CORPUS_UNSET"))
	os.Unsetenv("PLAYGROUND_CORPUS_UNSET")
	_, ok = os.LookupEnv("PLAYGROUND_CORPUS_UNSET")
	fmt.Println("set after:", ok)
}
