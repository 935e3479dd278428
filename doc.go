// Package concurrency is the root of a course in Go concurrency that mirrors
// a Python series on multiprocessing, threading and concurrent.futures.
// Start with README.md; the lessons are in lessons/, one package each:
//
//	go doc github.com/gophertutor/concurrency/lessons/00-overview
//
// This package holds no code. Its tests check the repository's top-level
// README and docs against the code, and go generate . records them (the
// table of docs/benchmarks.md, and its chart, included).
package concurrency

//go:generate go run ./internal/notebook/cmd/notebook README.md docs/benchmarks.md
//go:generate go run ./cmd/sidebyside -chart-from docs/benchmarks.md -svg docs/benchmarks.svg
