// Command vanilla is vanilla.py: the squares, then the cubes, one after the
// other.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

func main() {
	delay := flag.Duration("delay", overview.DefaultDelay, "pause before each number")
	flag.Parse()

	tl := timeline.New("square", "cube")
	start := time.Now()
	_, err := overview.Sequential(context.Background(), overview.Numbers,
		overview.Options{Delay: *delay, Out: os.Stdout, Timeline: tl})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("It takes", time.Since(start).Round(time.Millisecond))
	fmt.Print("\n", tl.Chart(timeline.DefaultWidth))
}
