package exercises

import (
	"context"

	"github.com/gophertutor/concurrency/lessons/internal/exercise"
)

// Download is exercise 1. Download every URL with fetch, with at most k
// downloads in flight at any moment, and return the bodies in the order of
// urls. The first download that fails cancels the others (the ctx their
// fetch got is cancelled), no new ones start (fetch is not called again
// once that ctx is cancelled), and Download returns that first error.
// Every goroutine you start has finished when Download returns.
//
// fetch has the shape of threads.Fetcher's functions, so your Download
// works against the lesson's image site too.
func Download(ctx context.Context, urls []string, k int, fetch func(ctx context.Context, url string) ([]byte, error)) ([][]byte, error) {
	exercise.TODO() // replace this line with your answer
	return nil, nil
}
