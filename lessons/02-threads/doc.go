// Package threads is lesson 02: what Python's threading module is used for,
// done with goroutines, and measured.
//
// A goroutine is not an OS thread. The runtime runs many goroutines on a few
// threads ([ThreadsCreated], [SleepingGoroutines]), gives them no names or
// IDs (labels do the job: [GoNamed], [LiveGoroutines]), and runs CPU-bound
// goroutines in parallel, since Go has no GIL. The lesson follows the Python
// series' thread notebook item by item: a timer ([AfterFunc]), starting and
// joining ([Sleepers]), getting values back ([ResultsByChannel],
// [ResultsByIndex], [ResultsWithErrgroup]), dividing work ([RunSplit],
// [RunQueue], [LongestFirst]), a pool of workers ([Map], [MapErrgroup],
// which return a panic as a [PanicError] with its stack),
// I/O-bound work against a local web server ([NewImageSite], [Fetch],
// [DownloadPool]) and shared memory ([RacyCounter] beside [MutexCounter],
// [AtomicCounter] and [ConfinedCounter]).
//
// Read the lesson as a notebook: lessons/02-threads/README.md.
package threads

//go:generate go run ../../internal/notebook/cmd/notebook README.md
