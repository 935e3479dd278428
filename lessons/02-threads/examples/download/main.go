// Command download "downloads images" from a local web server that answers
// each request after 10ms: one after the other, a goroutine per image, and
// with a pool of 16 goroutines; then with a per-request timeout, and with
// a broken image that cancels the downloads still running. The site's
// counts show that a cancelled request stops the server's work on it too.
package main

import (
	"context"
	"fmt"
	"log"
	"sync/atomic"
	"time"

	threads "github.com/gophertutor/concurrency/lessons/02-threads"
	"golang.org/x/sync/errgroup"
)

const (
	images    = 64
	delay     = 10 * time.Millisecond
	workers   = 16
	slowDelay = time.Second
)

// oneAfterTheOther downloads the URLs in a loop, one after the other.
func oneAfterTheOther(ctx context.Context, urls []string, fetch threads.FetchFunc) ([][]byte, error) {
	bodies := make([][]byte, len(urls))
	for i, u := range urls {
		body, err := fetch(ctx, u)
		if err != nil {
			return nil, err
		}
		bodies[i] = body
	}
	return bodies, nil
}

// aGoroutineEach downloads every URL in its own goroutine, all at once:
// nothing bounds how many requests are in flight. Each goroutine writes
// only its own element of bodies; the first error cancels the others'
// context (errgroup.WithContext).
func aGoroutineEach(ctx context.Context, urls []string, fetch threads.FetchFunc) ([][]byte, error) {
	bodies := make([][]byte, len(urls))
	g, ctx := errgroup.WithContext(ctx)
	for i, u := range urls {
		g.Go(func() error {
			body, err := fetch(ctx, u)
			bodies[i] = body
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return bodies, nil
}

// aPool downloads the URLs with the pool of workers goroutines of §7
// (threads.Map): at most workers requests in flight, bodies in the order of
// urls, and the first error cancels the requests still running.
func aPool(ctx context.Context, urls []string, workers int, fetch threads.FetchFunc) ([][]byte, error) {
	return threads.Map(ctx, workers, urls, func(ctx context.Context, u string) ([]byte, error) { return fetch(ctx, u) })
}

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
		{"one after the other", func() ([][]byte, error) { return oneAfterTheOther(ctx, urls, fetch) }},
		{"a goroutine per image", func() ([][]byte, error) { return aGoroutineEach(ctx, urls, fetch) }},
		{fmt.Sprintf("a pool of %d goroutines", workers), func() ([][]byte, error) { return aPool(ctx, urls, workers, fetch) }},
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

	// A site slow enough that the request cannot be answered before its
	// timeout: only the client going away can end the server's work early.
	slow := threads.NewImageSite(slowDelay)
	defer slow.Close()
	fmt.Printf("\nA request with a timeout of 5ms, to a site that answers after %v:\n", slowDelay)
	start := time.Now()
	_, err := threads.Fetcher(slow.Client(), 5*time.Millisecond)(ctx, threads.ImageURLs(slow.URL(), 1)[0])
	fmt.Println(" ", err)
	stats := handled(slow.Images, 1)
	fmt.Printf("  the site answered %d and stopped working on %d when its client went away, %v after the start\n",
		stats.Served, stats.Cancelled, time.Since(start).Round(time.Millisecond))

	fmt.Printf("\n%d images, number 10 broken, a pool of %d goroutines:\n", images, workers)
	broken := append([]string(nil), urls...)
	broken[10] = threads.BrokenURL(site.URL(), 10)
	var started, alreadyCancelled, cancelled atomic.Int32
	counting := func(ctx context.Context, url string) ([]byte, error) {
		started.Add(1)
		if ctx.Err() != nil {
			alreadyCancelled.Add(1) // a download begun after the cancellation
		}
		body, err := fetch(ctx, url)
		if err != nil && ctx.Err() != nil {
			// Its error is the cause of the cancellation (the broken
			// image's), which the pool passed to its cancel function.
			cancelled.Add(1)
		}
		return body, err
	}
	site.ResetStats()
	_, err = aPool(ctx, broken, workers, counting)
	fmt.Println(" ", err)
	fmt.Printf("  %d of the %d downloads started; %d of them were cancelled in flight; the rest never started\n",
		started.Load(), images, cancelled.Load())
	fmt.Printf("  downloads begun with their context already cancelled: %d\n", alreadyCancelled.Load())
	stats = handled(site.Images, int(started.Load()))
	fmt.Printf("  of the requests started, the site answered %d (the broken image) and stopped working on %d when their client went away\n",
		stats.Served, stats.Cancelled)
}

// handled waits until site has finished with n requests, answered or
// cancelled: the server learns that a client has gone a moment after the
// client's call has returned. A request cancelled before it reached the
// server never counts, so the wait is bounded.
func handled(site *threads.Images, n int) threads.SiteStats {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	stats, _ := site.WaitHandled(ctx, n) // on a timeout, the counts so far
	return stats
}
