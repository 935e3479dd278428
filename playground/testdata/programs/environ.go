// The program's environment is the one it was started with: nothing of
// the playground's worker shows, GODEBUG included, and changes to it are
// seen as in a compiled program.
package main

import (
	"fmt"
	"os"
	"syscall"
)

func show(when string) {
	v, ok := os.LookupEnv("GODEBUG")
	sv, sok := syscall.Getenv("GODEBUG")
	fmt.Printf("%s: GODEBUG=%q %v, syscall: %q %v, expanded: %q\n", when, v, ok, sv, sok, os.ExpandEnv("[$GODEBUG]"))
}

func main() {
	for _, kv := range os.Environ() {
		fmt.Println(kv)
	}
	fmt.Println(len(os.Environ()) == len(syscall.Environ()))
	show("start")
	os.Setenv("GODEBUG", "panicnil=1")
	show("set")
	os.Unsetenv("GODEBUG")
	show("unset")
	os.Setenv("PROGRAM_VAR", "x")
	fmt.Println(os.Getenv("PROGRAM_VAR"))
	os.Clearenv()
	fmt.Println("cleared:", os.Environ())
	show("cleared")
}
