// Command cities starts one process per city, as the Python lesson's
// Process example does: first joining each right after starting it, which
// runs them one after the other, then starting them all before joining any.
package main

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

var cities = []string{"Hanoi", "Paris", "Lima", "Tokyo"}

// visit says hello from the child process and takes 0.2 s.
var visit = processes.Register("visit", func(_ context.Context, city string) (string, error) {
	fmt.Printf("%s: hello from %s\n", city, processes.Current().Name)
	time.Sleep(200 * time.Millisecond)
	return city, nil
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()

	fmt.Println("== start, join, start, join: one after the other ==")
	tl := timeline.New()
	for _, city := range cities {
		p := processes.New(visit, city)
		end := tl.Begin(p.Name(), city)
		if err := p.Start(ctx); err != nil {
			log.Fatal(err)
		}
		if _, err := p.Wait(ctx); err != nil { // waits before the next city starts
			log.Fatal(err)
		}
		end()
	}
	report(tl)

	fmt.Println("\n== start them all, then join them all ==")
	tl = timeline.New()
	var started []*processes.Process[string]
	var ends []func()
	for _, city := range cities {
		p := processes.New(visit, city)
		ends = append(ends, tl.Begin(p.Name(), city))
		if err := p.Start(ctx); err != nil {
			log.Fatal(err)
		}
		started = append(started, p)
	}
	for i, p := range started {
		if _, err := p.Wait(ctx); err != nil {
			log.Fatal(err)
		}
		ends[i]()
	}
	report(tl)
}

func report(tl *timeline.Timeline) {
	fmt.Println("It takes", time.Since(tl.Origin()).Round(10*time.Millisecond))
	fmt.Print(tl.Chart(timeline.DefaultWidth))
}
