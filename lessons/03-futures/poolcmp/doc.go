// Package poolcmp measures lesson 03's ThreadPool beside the Go pool
// libraries a Go programmer would reach for (conc, errgroup, pond, ants)
// and lesson 02's Map, on the same job in the same run: 2 workers, no-op
// tasks, every result kept.
//
// It is a module of its own, so that the course's module does not depend on
// those libraries: run it with
//
//	go -C lessons/03-futures/poolcmp test -run '^$' -bench . -count 5
package poolcmp
