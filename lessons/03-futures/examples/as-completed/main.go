// Command as-completed downloads pages from a local web server
// (net/http/httptest: no internet) on a thread pool and takes each result
// as soon as its download completes: Python's as_completed.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// loadURL downloads one page: the Python documentation's load_url.
var loadURL = processes.Register("loadURL", func(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get %s: %s", req.URL.Path, resp.Status)
	}
	return io.ReadAll(resp.Body)
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()

	// /pages/<ms>/<size> answers after ms milliseconds with size bytes;
	// /broken/<ms> fails after ms milliseconds.
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
		ms, _ := strconv.Atoi(parts[1])
		select {
		case <-time.After(time.Duration(ms) * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		if parts[0] == "broken" {
			http.Error(w, "broken", http.StatusInternalServerError)
			return
		}
		size, _ := strconv.Atoi(parts[2])
		fmt.Fprint(w, strings.Repeat("x", size))
	}))
	defer site.Close()
	paths := []string{"/pages/500/5000", "/pages/100/1000", "/broken/300", "/pages/400/4000", "/pages/200/2000"}

	pool, err := futures.NewThreadPool(5)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()

	start := time.Now()
	futureToURL := map[*futures.Future[[]byte]]string{}
	var fs []*futures.Future[[]byte]
	for _, path := range paths {
		f, err := futures.Submit(ctx, pool, loadURL, site.URL+path)
		if err != nil {
			log.Fatal(err)
		}
		futureToURL[f] = path
		fs = append(fs, f)
	}
	fmt.Println("submitted in this order:", strings.Join(paths, ", "))
	for f, err := range futures.AsCompleted(ctx, fs) {
		if err != nil { // only if ctx ends first
			log.Fatal(err)
		}
		url := futureToURL[f]
		data, err := f.Result(ctx) // done: does not wait
		if err != nil {
			fmt.Printf("after %-6v %-16s generated an error: %v\n", time.Since(start).Round(10*time.Millisecond), url, err)
			continue
		}
		fmt.Printf("after %-6v %-16s page is %d bytes\n", time.Since(start).Round(10*time.Millisecond), url, len(data))
	}
}
