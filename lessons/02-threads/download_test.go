package threads

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"

	overview "github.com/gophertutor/concurrency/lessons/00-overview"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// inProcess is an http.RoundTripper that serves each request by calling a
// handler in the caller's goroutine. There is no network, so it works
// inside a synctest bubble, where the site's delays run on the fake clock.
type inProcess struct{ handler http.Handler }

func (t inProcess) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	t.handler.ServeHTTP(rec, req.Clone(ctx)) // ServeMux writes into the request it serves
	if err := ctx.Err(); err != nil {
		return nil, err // the client gave up before the answer
	}
	return rec.Result(), nil
}

// fakeSite is an image site on the fake clock.
func fakeSite(delay time.Duration) (*Images, *http.Client) {
	images := &Images{Delay: delay}
	return images, &http.Client{Transport: inProcess{images}}
}

const fakeBase = "http://images.test"

// download is the pool of the download example: Map with a fetch per URL.
func download(ctx context.Context, urls []string, workers int, fetch FetchFunc) ([][]byte, error) {
	return Map(ctx, workers, urls, func(ctx context.Context, u string) ([]byte, error) { return fetch(ctx, u) })
}

func TestAPoolOf16DownloadsIn4Rounds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		site, client := fakeSite(time.Second)
		start := time.Now()
		bodies, err := download(t.Context(), ImageURLs(fakeBase, 64), 16, Fetcher(client, 0))
		require.NoError(t, err)
		assert.Equal(t, 4*time.Second, time.Since(start))
		require.Len(t, bodies, 64)
		for i, b := range bodies {
			require.Equal(t, bytes.Repeat([]byte{byte(i)}, ImageSize), b, "image %d, in the order of the URLs", i)
		}
		assert.Equal(t, SiteStats{Served: 64, Peak: 16}, site.Stats())
	})
}

func TestPerRequestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		site, client := fakeSite(time.Second)
		start := time.Now()
		_, err := Fetcher(client, 300*time.Millisecond)(t.Context(), fakeBase+"/images/7.jpg")
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, "download /images/7.jpg: context deadline exceeded", err.Error())
		assert.Equal(t, 300*time.Millisecond, time.Since(start))
		assert.Equal(t, SiteStats{Cancelled: 1, Peak: 1}, site.Stats(), "the site stopped working on it")

		body, err := Fetcher(client, 2*time.Second)(t.Context(), fakeBase+"/images/7.jpg")
		require.NoError(t, err)
		assert.Len(t, body, ImageSize)
	})
}

func TestABrokenImageCancelsTheOtherDownloads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		site, client := fakeSite(time.Second)
		urls := ImageURLs(fakeBase, 64)
		urls[3] = BrokenURL(fakeBase, 3)
		// Every other image takes a minute: only the error can end them early.
		slow := func(ctx context.Context, url string) ([]byte, error) {
			if url != urls[3] {
				if err := overview.Sleep(ctx, time.Minute); err != nil {
					return nil, err
				}
			}
			return Fetcher(client, 0)(ctx, url)
		}
		start := time.Now()
		_, err := download(t.Context(), urls, 16, slow)
		require.Error(t, err)
		assert.Equal(t, "map: input 3: download /broken/3.jpg: 500 Internal Server Error", err.Error())
		assert.Zero(t, time.Since(start), "the site fails a broken image at once, and the error cancels the rest")
		assert.Equal(t, 1, site.Stats().Served, "only the broken image reached the site")
	})
}

// TestImageSiteOverRealHTTP checks the site and Fetch over a real local
// connection (no timing here: the real clock is not under the test's
// control).
func TestImageSiteOverRealHTTP(t *testing.T) {
	site := NewImageSite(0)
	defer site.Close()
	fetch := Fetcher(site.Client(), 0)

	body, err := fetch(t.Context(), ImageURLs(site.URL(), 3)[2])
	require.NoError(t, err)
	assert.Equal(t, bytes.Repeat([]byte{2}, ImageSize), body)

	_, err = fetch(t.Context(), BrokenURL(site.URL(), 1))
	assert.EqualError(t, err, "download /broken/1.jpg: 500 Internal Server Error")
	_, err = fetch(t.Context(), site.URL()+"/images/cat.jpg")
	assert.EqualError(t, err, "download /images/cat.jpg: 404 Not Found")
	_, err = fetch(t.Context(), "http://[::1]:namedport/x")
	assert.ErrorContains(t, err, "download ")

	bodies, err := download(t.Context(), ImageURLs(site.URL(), 20), 4, fetch)
	require.NoError(t, err)
	assert.Len(t, bodies, 20)
	assert.LessOrEqual(t, site.Stats().Peak, 4)
	site.ResetStats()
	assert.Zero(t, site.Stats())

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = fetch(ctx, ImageURLs(site.URL(), 1)[0])
	assert.ErrorIs(t, err, context.Canceled)
}

func TestImageURLs(t *testing.T) {
	assert.Equal(t, []string{"http://x/images/0.jpg", "http://x/images/1.jpg"}, ImageURLs("http://x", 2))
	assert.Equal(t, "http://x/broken/4.jpg", BrokenURL("http://x", 4))
}

func TestWaitHandledWaitsForTheServerToFinish(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		site, client := fakeSite(time.Second)
		fetched := make(chan error, 1)
		go func() {
			_, err := Fetcher(client, 0)(t.Context(), fakeBase+"/images/1.jpg")
			fetched <- err
		}()
		start := time.Now()
		stats, err := site.WaitHandled(t.Context(), 1)
		require.NoError(t, err)
		assert.Equal(t, time.Second, time.Since(start), "it waited for the answer")
		assert.Equal(t, SiteStats{Served: 1, Peak: 1}, stats)
		require.NoError(t, <-fetched)

		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		stats, err = site.WaitHandled(ctx, 2) // no second request comes
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, SiteStats{Served: 1, Peak: 1}, stats, "the counts so far")
	})
}

// TestTheServerStopsWhenItsClientGoesAway: over a real connection, a
// request whose client gives up is cancelled on the server too, long
// before its answer was due.
func TestTheServerStopsWhenItsClientGoesAway(t *testing.T) {
	site := NewImageSite(time.Hour)
	defer site.Close()
	ctx, cancel := context.WithCancel(t.Context())
	fetched := make(chan error, 1)
	go func() {
		_, err := Fetcher(site.Client(), 0)(ctx, ImageURLs(site.URL(), 1)[0])
		fetched <- err
	}()
	// Give up once the server is working on it (bounded waits: the real
	// clock and network are outside the test's control).
	require.Eventually(t, func() bool { return site.Stats().Peak == 1 }, 10*time.Second, time.Millisecond)
	cancel()
	require.ErrorIs(t, <-fetched, context.Canceled)
	bound, stop := context.WithTimeout(t.Context(), 10*time.Second)
	defer stop()
	stats, err := site.WaitHandled(bound, 1)
	require.NoError(t, err, "the server never finished with the request")
	assert.Equal(t, SiteStats{Cancelled: 1, Peak: 1}, stats)
}
