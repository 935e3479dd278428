package main

import (
	"strconv"
	"testing"
)

// BenchmarkOnePlusOneAmongParkedGoroutines: a cell's cost, from Enter to
// the next prompt, while goroutines of an earlier cell wait on a channel.
// Each cell counts the goroutines it leaves, for the prompt's badge; the
// target is ≤ 50 ms with 10,000 parked:
//
//	go test -run '^$' -bench OnePlusOneAmongParked -benchtime 20x ./playground
func BenchmarkOnePlusOneAmongParkedGoroutines(b *testing.B) {
	exe := buildPlayground(b)
	for _, parked := range []int{0, 1000, 10000} {
		b.Run("parked="+strconv.Itoa(parked), func(b *testing.B) {
			p := startPTY(b, exe)
			defer p.close()
			p.until("go> ")
			p.send("ch := make(chan int); for range " + strconv.Itoa(parked) + " { go func() { <-ch }() }\r")
			p.until("> ")
			p.send("1+1\r") // the first cell after them looks at them all
			p.until("2 // int\r\n")
			p.until("> ")
			b.ResetTimer()
			for range b.N {
				p.send("1+1\r")
				p.until("2 // int\r\n")
				p.until("> ")
			}
			b.StopTimer()
			p.send("close(ch)\r")
			p.until("go> ")
		})
	}
}
