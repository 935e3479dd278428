// playground-corpus: compiled
// A method value of a value receiver copies the value when it is made; a
// method expression takes the receiver as its first argument.
package main

import "fmt"

type logger struct{ prefix string }

func (l logger) log(s string) { fmt.Println(l.prefix, s) }

func main() {
	l := logger{"a"}
	f := l.log
	l.prefix = "b"
	f("from the method value")
	logger.log(l, "from the method expression")
}
