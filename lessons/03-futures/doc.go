// Package futures is lesson 03: Python's concurrent.futures in Go, with one
// Executor interface and two kinds behind it, goroutines (NewThreadPool)
// and worker processes on lesson 01's pool (NewProcessPool), so that
// switching is one word.
//
// Submit returns a Future (Result with a context, Done, Cancel, Stop,
// AddDoneCallback); Wait waits for several (FirstCompleted, FirstError,
// AllCompleted); AsCompleted and Map are iterators, Map lazy and bounded.
// Functions are registered with processes.Register, so that every kind can
// run them; Current tells a task where it runs.
//
// Read the lesson as a notebook: lessons/03-futures/README.md.
package futures

//go:generate go run ../../internal/notebook/cmd/notebook README.md
