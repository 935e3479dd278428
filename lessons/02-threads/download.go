package threads

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
)

// ImageSize is the size in bytes of every image the ImageSite serves.
const ImageSize = 1024

// Images is the handler of a stand-in web site with images, for the
// notebook's "download images" work without the internet: GET
// /images/N.jpg answers with a small image after Delay, and GET
// /broken/N.jpg at once with "500 Internal Server Error". The delay stands in for
// the network: a goroutine waiting for it uses no CPU, like a Python thread
// waiting on a socket. A request whose client gives up stops waiting.
type Images struct {
	// Delay is how long every answer takes.
	Delay time.Duration

	mu        sync.Mutex
	inFlight  int
	stats     SiteStats
	changed   chan struct{} // closed (and replaced) when stats change
	routesSet sync.Once
	mux       *http.ServeMux
}

// SiteStats counts what an Images handler saw.
type SiteStats struct {
	// Served counts the answers sent, images and errors.
	Served int
	// Cancelled counts the requests whose client gave up before the answer.
	Cancelled int
	// Peak is the largest number of requests the site handled at once.
	Peak int
}

// ServeHTTP answers one request after the delay.
func (h *Images) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.routesSet.Do(func() {
		h.mux = http.NewServeMux()
		h.mux.HandleFunc("GET /images/{file}", func(w http.ResponseWriter, r *http.Request) { h.answer(w, r, true) })
		h.mux.HandleFunc("GET /broken/{file}", func(w http.ResponseWriter, r *http.Request) { h.answer(w, r, false) })
	})
	h.mux.ServeHTTP(w, r)
}

func (h *Images) answer(w http.ResponseWriter, r *http.Request, ok bool) {
	n, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("file"), ".jpg"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	h.mu.Lock()
	h.inFlight++
	h.stats.Peak = max(h.stats.Peak, h.inFlight)
	h.mu.Unlock()
	delay := h.Delay
	if !ok {
		delay = 0 // a broken image fails at once
	}
	err = overview.Sleep(r.Context(), delay) // the request's context is cancelled when its client goes away
	h.mu.Lock()
	h.inFlight--
	if err != nil {
		h.stats.Cancelled++
	} else {
		h.stats.Served++
	}
	if h.changed != nil {
		close(h.changed) // wake up WaitHandled
		h.changed = nil
	}
	h.mu.Unlock()
	switch {
	case err != nil:
		return // the client has gone
	case !ok:
		http.Error(w, "broken image", http.StatusInternalServerError)
	default:
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write(bytes.Repeat([]byte{byte(n)}, ImageSize))
	}
}

// Stats returns what the site has seen so far.
func (h *Images) Stats() SiteStats {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stats
}

// WaitHandled waits until the site has finished with n requests since the
// counts were last reset, answered or cancelled, and returns the counts
// then; or, if ctx is done first, returns the counts so far and ctx.Err().
// A client's call returns before the server has finished counting (the
// server learns that its client has gone a moment later), so read the
// counts with WaitHandled, not Stats, right after a request.
func (h *Images) WaitHandled(ctx context.Context, n int) (SiteStats, error) {
	for {
		h.mu.Lock()
		stats := h.stats
		if stats.Served+stats.Cancelled >= n {
			h.mu.Unlock()
			return stats, nil
		}
		if h.changed == nil {
			h.changed = make(chan struct{})
		}
		changed := h.changed
		h.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return stats, ctx.Err()
		}
	}
}

// ResetStats sets the counts back to zero.
func (h *Images) ResetStats() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.stats = SiteStats{}
}

// ImageURLs returns the URLs of n images on the site at base:
// base/images/0.jpg, base/images/1.jpg, …
func ImageURLs(base string, n int) []string {
	urls := make([]string, n)
	for i := range urls {
		urls[i] = fmt.Sprintf("%s/images/%d.jpg", base, i)
	}
	return urls
}

// BrokenURL returns the URL of an image that the site at base fails to
// serve.
func BrokenURL(base string, n int) string {
	return fmt.Sprintf("%s/broken/%d.jpg", base, n)
}

// ImageSite is an Images handler served by a local web server
// (net/http/httptest) on this machine's loopback interface.
type ImageSite struct {
	*Images
	server *httptest.Server
	client *http.Client
}

// NewImageSite starts a local image site whose answers take delay. Close it
// when done.
func NewImageSite(delay time.Duration) *ImageSite {
	images := &Images{Delay: delay}
	server := httptest.NewServer(images)
	transport := server.Client().Transport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = 100 // keep the connections of many goroutines for reuse
	return &ImageSite{Images: images, server: server, client: &http.Client{Transport: transport}}
}

// URL is the site's address, like http://127.0.0.1:41234.
func (s *ImageSite) URL() string { return s.server.URL }

// Client returns an HTTP client for the site, which keeps up to 100 idle
// connections to it for reuse.
func (s *ImageSite) Client() *http.Client { return s.client }

// Close closes the client's idle connections and shuts the server down.
func (s *ImageSite) Close() {
	s.client.CloseIdleConnections()
	s.server.Close()
}

// Fetch downloads rawURL with client: an HTTP GET that ctx bounds, so a
// cancelled ctx (or one past its deadline) ends the request at once. An
// error names the URL's path, like "download /images/3.jpg: context
// deadline exceeded".
func Fetch(ctx context.Context, client *http.Client, rawURL string) ([]byte, error) {
	path := rawURL
	if u, err := url.Parse(rawURL); err == nil {
		path = u.Path
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", path, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		var uerr *url.Error // it repeats the URL, with the server's port
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return nil, fmt.Errorf("download %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("download %s: %s", path, resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", path, err)
	}
	return body, nil
}

// FetchFunc downloads one URL. Fetcher makes one from an HTTP client.
type FetchFunc func(ctx context.Context, url string) ([]byte, error)

// Fetcher returns a FetchFunc that calls Fetch with client and gives each
// request at most timeout (no limit if timeout is 0): a per-request
// timeout is a context.WithTimeout around the one request.
func Fetcher(client *http.Client, timeout time.Duration) FetchFunc {
	return func(ctx context.Context, url string) ([]byte, error) {
		if timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, timeout)
			defer cancel()
		}
		return Fetch(ctx, client, url)
	}
}
