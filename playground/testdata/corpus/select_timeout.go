// select waits for the first ready case; time.After bounds the wait.
package main

import (
	"fmt"
	"time"
)

func main() {
	fast := make(chan string)
	slow := make(chan string)
	go func() { fast <- "fast answer" }()
	go func() { time.Sleep(2 * time.Second); slow <- "slow answer" }()
	for _, ch := range []chan string{fast, slow} {
		select {
		case s := <-ch:
			fmt.Println(s)
		case <-time.After(200 * time.Millisecond):
			fmt.Println("timeout")
		}
	}
}
