// A timer fires once; Stop cancels one that has not fired.
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(20 * time.Millisecond)
	<-t.C
	fmt.Println("fired")
	t2 := time.NewTimer(time.Hour)
	fmt.Println("stopped before firing:", t2.Stop())
	t.Reset(10 * time.Millisecond)
	<-t.C
	fmt.Println("fired again")
}
