// playground-corpus: exit=2 stderr-first-line
// Timers that were stopped, or have fired and run their function, can wake
// nobody: the runtime reports the deadlock that follows.
package main

import (
	"fmt"
	"time"
)

func main() {
	later := time.AfterFunc(time.Hour, func() {})
	fmt.Println("AfterFunc stopped:", later.Stop())
	t := time.NewTimer(time.Hour)
	fmt.Println("NewTimer stopped:", t.Stop())
	tick := time.NewTicker(time.Hour)
	tick.Stop()
	fired := make(chan bool)
	time.AfterFunc(time.Millisecond, func() { fired <- true })
	fmt.Println("AfterFunc fired:", <-fired)
	ch := make(chan int)
	<-ch
}
