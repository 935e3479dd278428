// Command download "downloads images" from a local web server that answers
// each request after 10ms: one after the other, a goroutine per image, and
// with a pool of 16 goroutines; then with a per-request timeout, and with
// a broken image that cancels the downloads still running.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sync/atomic"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
)

const (
	images  = 64
	delay   = 10 * time.Millisecond
	workers = 16
)

func main() {
	site := threads.NewImageSite(delay)
	defer site.Close()
	ctx := context.Background()
	fetch := threads.Fetcher(site.Client(), 0)
	urls := threads.ImageURLs(site.URL(), images)
	fmt.Printf("A local image site (net/http/httptest) answers each request after %v.\n", delay)
	fmt.Printf("%d images:\n", images)

	var first time.Duration
	for _, way := range []struct {
		name     string
		download func() ([][]byte, error)
	}{
		{"one after the other", func() ([][]byte, error) { return threads.DownloadSequential(ctx, urls, fetch) }},
		{"a goroutine per image", func() ([][]byte, error) { return threads.DownloadEach(ctx, urls, fetch) }},
		{fmt.Sprintf("a pool of %d goroutines", workers), func() ([][]byte, error) {
			return threads.DownloadPool(ctx, urls, workers, fetch)
		}},
	} {
		site.ResetStats()
		start := time.Now()
		bodies, err := way.download()
		took := time.Since(start)
		if err != nil {
			log.Fatal(err)
		}
		if first == 0 {
			first = took
		}
		size := 0
		for _, b := range bodies {
			size += len(b)
		}
		// Always in ms: the numbers on this line may differ, the words may not.
		fmt.Printf("  %-24s %d bytes in %dms, speedup %.1fx, peak %d at once\n",
			way.name, size, took.Milliseconds(), float64(first)/float64(took), site.Stats().Peak)
	}
	fmt.Printf("The pool never had more than %d requests in flight: %v\n", workers, site.Stats().Peak <= workers)

	fmt.Printf("\nA request with a timeout of 5ms, shorter than the site's %v:\n", delay)
	_, err := threads.Fetcher(site.Client(), 5*time.Millisecond)(ctx, urls[0])
	fmt.Println(" ", err)

	fmt.Printf("\n%d images, number 10 broken, a pool of %d goroutines:\n", images, workers)
	broken := append([]string(nil), urls...)
	broken[10] = threads.BrokenURL(site.URL(), 10)
	var started, cancelled atomic.Int32
	counting := func(ctx context.Context, url string) ([]byte, error) {
		started.Add(1)
		body, err := fetch(ctx, url)
		if errors.Is(err, context.Canceled) {
			cancelled.Add(1)
		}
		return body, err
	}
	_, err = threads.DownloadPool(ctx, broken, workers, counting)
	fmt.Println(" ", err)
	fmt.Printf("  %d of the %d downloads started; %d of them were cancelled in flight; the rest never started\n",
		started.Load(), images, cancelled.Load())
}
