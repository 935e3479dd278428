// Command oversubscription runs the same CPU-bound job in 2 child processes
// at once, twice: with each child's GOMAXPROCS at the number of CPUs (the
// default: the children's threads for Go code add up to twice the CPUs),
// and at half of it (they add up to the CPUs). Each child reports its own
// CPU time and context switches (getrusage).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"runtime"
	"strconv"
	"sync"
	"syscall"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Usage is what a child reports of itself once its job is done.
type Usage struct {
	GOMAXPROCS             int
	CPU                    time.Duration // user and system
	Involuntary, Voluntary int64         // context switches
}

// job counts primes in tasks small ranges, fed through a channel to one
// goroutine per thread for Go code (GOMAXPROCS): CPU-bound work, split the
// way Go programs split it.
var job = processes.Register("job", func(_ context.Context, tasks int) (Usage, error) {
	ranges := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for r := range ranges {
				primes(r*2000, (r+1)*2000)
			}
		})
	}
	for r := range tasks {
		ranges <- r
	}
	close(ranges)
	wg.Wait()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return Usage{}, err
	}
	return Usage{
		GOMAXPROCS:  runtime.GOMAXPROCS(0),
		CPU:         time.Duration(syscall.TimevalToNsec(ru.Utime) + syscall.TimevalToNsec(ru.Stime)),
		Involuntary: ru.Nivcsw,
		Voluntary:   ru.Nvcsw,
	}, nil
})

func primes(from, to int) int {
	n := 0
	for v := max(from, 2); v < to; v++ {
		prime := true
		for d := 2; d*d <= v; d++ {
			if v%d == 0 {
				prime = false
				break
			}
		}
		if prime {
			n++
		}
	}
	return n
}

func main() {
	processes.RunChildIfRequested()
	tasks := flag.Int("tasks", 1500, "ranges of 2000 numbers each child checks for primes")
	flag.Parse()
	cpus := runtime.NumCPU()
	for _, run := range []struct {
		name string
		each int
	}{{"NumCPU", cpus}, {"NumCPU/2", max(1, cpus/2)}} {
		start := time.Now()
		var children []*processes.Process[Usage]
		for range 2 {
			p := processes.New(job, *tasks, processes.WithEnv("GOMAXPROCS="+strconv.Itoa(run.each)))
			if err := p.Start(context.Background()); err != nil {
				log.Fatal(err)
			}
			children = append(children, p)
		}
		var total Usage
		for _, p := range children {
			u, err := p.Wait(context.Background())
			if err != nil {
				log.Fatal(err)
			}
			total.GOMAXPROCS += u.GOMAXPROCS
			total.CPU += u.CPU
			total.Involuntary += u.Involuntary
			total.Voluntary += u.Voluntary
		}
		fmt.Printf("2 children with GOMAXPROCS=%s each: %d threads for Go code on %d CPUs\n", run.name, total.GOMAXPROCS, cpus)
		fmt.Printf("  wall %v, CPU %v\n", time.Since(start).Round(10*time.Millisecond), total.CPU.Round(10*time.Millisecond))
		fmt.Printf("  context switches: %d involuntary, %d voluntary\n", total.Involuntary, total.Voluntary)
	}
}
