// Command crashy fetches six pages with the lesson's library, mixing.Map,
// on 2 child processes of 2 goroutines each: the goroutines wait on the
// (simulated) network side by side, inside processes that keep a crash to
// themselves. One page trips a bug that panics, which fails that page
// only; another makes a C library crash its whole process (simulated by a
// panic in a goroutine of its own, which nothing can recover), which fails
// the pages that process had not finished, and nothing else.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	mixing "github.com/gophertutor/concurrency/lessons/04-mixing"
)

// unit is how long a simulated fetch waits per unit of a page's cost.
const unit = 100 * time.Millisecond

// Page is a page to fetch: its name, how long the fetch takes in units,
// and what goes wrong with it.
type Page struct {
	Name  string
	Units int
	Fault string // "", "bug" or "crash"
}

// fetch waits for the network, then parses the page.
var fetch = mixing.Register("fetch", func(ctx context.Context, p Page) (string, error) {
	select {
	case <-time.After(time.Duration(p.Units) * unit): // the I/O
	case <-ctx.Done():
		return "", ctx.Err()
	}
	switch p.Fault {
	case "bug":
		var headers map[string]string
		headers["title"] = p.Name // assignment to entry in nil map: a panic in the item's goroutine
	case "crash":
		crashed := make(chan struct{})
		go func() { // as a C library's own thread would: nothing can recover it
			defer close(crashed)
			panic("segmentation fault in libparse")
		}()
		<-crashed
	}
	return fmt.Sprintf("%s: %d bytes, fetched in %s", p.Name, 1000*p.Units, mixing.Current(ctx).Process), nil
})

func main() {
	processes.RunChildIfRequested()
	pages := []Page{ // the first three in one child, the last three in the other; blog starts once index or about is done
		{"index", 1, ""}, {"about", 1, ""}, {"blog", 2, "crash"},
		{"news", 1, ""}, {"shop", 1, "bug"}, {"faq", 2, ""},
	}
	start := time.Now()
	results, err := mixing.Map(context.Background(), fetch, pages, 2, 2,
		processes.WithStderr(io.Discard)) // the crashed child's report is in its error
	fmt.Printf("done in %v\n", time.Since(start).Round(100*time.Millisecond))
	for i, r := range results {
		if r != "" {
			fmt.Printf("page %d: %s\n", i, r)
		}
	}
	if err == nil {
		return
	}
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var item *mixing.ItemError
		var exit *processes.ExitError
		var crash *processes.PanicError
		errors.As(e, &item)
		switch {
		case errors.As(e, &exit):
			first, _, _ := strings.Cut(exit.Stderr, "\n")
			fmt.Printf("page %d failed: %s died, exit code %d: %s\n", item.Index, exit.Name, exit.Code, first)
		case errors.As(e, &crash):
			fmt.Printf("page %d failed: a panic in %s: %s\n", item.Index, item.Process, crash.Value)
		default:
			fmt.Printf("page %d failed: %v\n", item.Index, e)
		}
	}
}
