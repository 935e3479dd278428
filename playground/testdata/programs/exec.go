// syscall.Exec replaces the program with another: its output and its exit
// status are the program's. An exec that fails returns its error.
package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	err := syscall.Exec("/no/such/program", []string{"none"}, os.Environ())
	fmt.Println("a failed exec returns:", err)
	fmt.Println("about to exec")
	err = syscall.Exec("/bin/sh", []string{"sh", "-c", `echo "now $0, args $1"; echo "panic: only text" >&2; exit 3`, "two"}, os.Environ())
	fmt.Println("never printed", err)
}
