// Command heaps runs a heap-heavy worker (a big tree it keeps, and
// garbage it makes without pause) beside a light one (small requests, each
// timed), twice: as two goroutines of one child process, which share one
// heap and one garbage collector, and as two child processes, which have a
// heap and a collector each. Each reports its process's garbage
// collections, its heap, and (the light one) how long its requests took.
package main

import (
	"context"
	"fmt"
	"log"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Report is what a worker says of itself and of its process.
type Report struct {
	Role     string
	Cycles   uint64        // garbage collections its process ran while it worked
	HeapMiB  uint64        // its process's heap, at the end
	P50, P99 time.Duration // the light worker's requests
}

// node is a node of the heavy worker's tree: pointers for the collector to
// follow.
type node struct {
	left, right *node
	payload     [4]int
}

func tree(depth int) *node {
	if depth == 0 {
		return &node{}
	}
	return &node{left: tree(depth - 1), right: tree(depth - 1)}
}

// heavy keeps a tree of 2^20 nodes (about 50 MB) and builds and drops
// small trees until ctx ends.
func heavy(ctx context.Context) {
	kept := tree(20)
	for ctx.Err() == nil {
		tree(10)
	}
	runtime.KeepAlive(kept)
}

var sink []byte

// light serves 2000 small requests, a little apart, and times each.
func light() (p50, p99 time.Duration) {
	took := make([]time.Duration, 2000)
	for i := range took {
		start := time.Now()
		sink = make([]byte, 16<<10) // a request's allocations
		sum := 0
		for j := range 20000 {
			sum += j * j
		}
		sink[0] = byte(sum)
		took[i] = time.Since(start)
		time.Sleep(100 * time.Microsecond)
	}
	slices.Sort(took)
	return took[len(took)/2], took[len(took)*99/100]
}

func cycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func heapMiB() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapSys >> 20
}

// work runs in a child: "heavy" until cancelled, "light" until done, or
// "both" on two goroutines, the heavy one stopped when the light is done.
var work = processes.Register("work", func(ctx context.Context, role string) ([]Report, error) {
	before := cycles()
	switch role {
	case "heavy":
		heavy(ctx)
		return []Report{{Role: "heavy", Cycles: cycles() - before, HeapMiB: heapMiB()}}, nil
	case "light":
		p50, p99 := light()
		return []Report{{Role: "light", Cycles: cycles() - before, HeapMiB: heapMiB(), P50: p50, P99: p99}}, nil
	}
	ctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { heavy(ctx) })
	p50, p99 := light()
	stop()
	wg.Wait()
	n, h := cycles()-before, heapMiB()
	return []Report{{Role: "heavy", Cycles: n, HeapMiB: h}, {Role: "light", Cycles: n, HeapMiB: h, P50: p50, P99: p99}}, nil
})

func main() {
	processes.RunChildIfRequested()
	ctx := context.Background()

	fmt.Println("== one process, two goroutines: one heap ==")
	p := processes.New(work, "both", processes.WithEnv("GOMAXPROCS=2"))
	if err := p.Start(ctx); err != nil {
		log.Fatal(err)
	}
	reports, err := p.Wait(ctx)
	if err != nil {
		log.Fatal(err)
	}
	show(reports)

	fmt.Println("\n== two processes, one worker each: a heap each ==")
	heavyCtx, stopHeavy := context.WithCancel(ctx)
	h := processes.New(work, "heavy", processes.WithEnv("GOMAXPROCS=1"))
	l := processes.New(work, "light", processes.WithEnv("GOMAXPROCS=1"))
	if err := h.Start(heavyCtx); err != nil {
		log.Fatal(err)
	}
	if err := l.Start(ctx); err != nil {
		log.Fatal(err)
	}
	lr, err := l.Wait(ctx)
	if err != nil {
		log.Fatal(err)
	}
	stopHeavy() // its context ends in the child: it returns its report
	hr, err := h.Wait(ctx)
	if err != nil {
		log.Fatal(err)
	}
	show(append(hr, lr...))
}

func show(reports []Report) {
	for _, r := range reports {
		fmt.Printf("%-5s worker: its process ran %d garbage collections; heap %d MiB", r.Role, r.Cycles, r.HeapMiB)
		if r.Role == "light" {
			fmt.Printf("; requests: median %v, 99th percentile %v", r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond))
		}
		fmt.Println()
	}
}
