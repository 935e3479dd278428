// Package threads is lesson 02: what Python's threading module is used for,
// done with goroutines, and measured.
//
// The lesson's examples (lessons/02-threads/examples) carry its ideas in
// their own code: goroutines on few OS threads, start and join, results
// through channels and slices, dividing work, a shared queue, downloads,
// shared memory, a timer with a join. This package holds what they share
// and what the exercises and benchmarks use: names of goroutines in
// profiles ([NameLabel], [LiveGoroutines]), the syllabus' tasks and how
// long a split or a queue takes them ([Work], [LongestFirst],
// [QueueMakespan]), a pool of workers ([Map], [MapErrgroup], which return
// a panic as a [PanicError] with its stack) and a local image site to
// download from ([NewImageSite], [Fetch], [Fetcher]).
//
// Read the lesson as a notebook: lessons/02-threads/README.md.
package threads

//go:generate go run ../../internal/notebook/cmd/notebook README.md
