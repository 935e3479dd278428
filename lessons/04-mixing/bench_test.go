package mixing

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	futures "github.com/gophertutor/concurrency/lessons/03-futures"
)

// unit is the seed's second, scaled down: its values are units of sleep.
const unit = 100 * time.Millisecond

// nap sleeps v units: the seed's do_something, which returns v*v.
var (
	nap      = Register("bench.nap", func(_ context.Context, v int) (int, error) { return sleepUnits(v), nil })
	napAlone = processes.Register("bench.napalone", func(_ context.Context, v int) (int, error) { return sleepUnits(v), nil })
)

func sleepUnits(v int) int {
	time.Sleep(time.Duration(v) * unit)
	return v * v
}

// BenchmarkMixedSleep runs the seed's job, [1 2 3 4 5] and [2 2 2 2 2]
// (units of 100 ms of sleep), three ways: 2 processes with a goroutine per
// value inside (the seed's shape: [1 2 3] and [4 5]), goroutines alone (a
// goroutine per value in this process), and processes alone (lesson 03's
// process pool of 2 workers, no goroutines inside: each runs its values
// one after the other). units/op is the time in units: the seed's shape
// should take the longest value, 5 units and 2, plus the children's start.
func BenchmarkMixedSleep(b *testing.B) {
	for _, values := range [][]int{{1, 2, 3, 4, 5}, {2, 2, 2, 2, 2}} {
		name := strconv.Itoa(values[0])
		for _, v := range values[1:] {
			name += "," + strconv.Itoa(v)
		}
		b.Run("values="+name+"/processes×goroutines", func(b *testing.B) {
			timeUnits(b, func() error {
				_, err := Map(b.Context(), nap, values, 2, len(values))
				return err
			})
		})
		b.Run("values="+name+"/goroutines", func(b *testing.B) {
			timeUnits(b, func() error {
				var wg sync.WaitGroup
				out := make([]int, len(values))
				for i, v := range values {
					wg.Go(func() { out[i] = sleepUnits(v) })
				}
				wg.Wait()
				return nil
			})
		})
		b.Run("values="+name+"/processes", func(b *testing.B) {
			timeUnits(b, func() error {
				pool, err := futures.NewProcessPool(2)
				if err != nil {
					return err
				}
				defer pool.Close()
				for _, err := range futures.Map(b.Context(), pool, napAlone, slices.Values(values)) {
					if err != nil {
						return err
					}
				}
				return nil
			})
		})
	}
}

// timeUnits runs op b.N times and reports the time per op in units.
func timeUnits(b *testing.B, op func() error) {
	start := time.Now()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start))/float64(unit)/float64(b.N), "units/op")
}

// usage is what a child reports of its own CPU time and context switches.
type usage struct {
	CPU         time.Duration
	Involuntary int64
}

// spin counts primes in tasks ranges of 2000 numbers, fed through a
// channel to a goroutine per thread for Go code: a CPU-bound job.
var spin = processes.Register("bench.spin", func(_ context.Context, tasks int) (usage, error) {
	ranges := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for r := range ranges {
				countPrimes(r*2000, (r+1)*2000)
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
		return usage{}, err
	}
	return usage{CPU: time.Duration(syscall.TimevalToNsec(ru.Utime) + syscall.TimevalToNsec(ru.Stime)), Involuntary: ru.Nivcsw}, nil
})

func countPrimes(from, to int) int {
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

// BenchmarkOversubscription runs a CPU-bound job in 2 child processes at
// once, each with GOMAXPROCS=NumCPU (the default: the children's threads
// for Go code add up to twice the CPUs) and with GOMAXPROCS=NumCPU/2
// (they add up to the CPUs). It reports the children's CPU time and their
// involuntary context switches per op.
func BenchmarkOversubscription(b *testing.B) {
	cpus := runtime.NumCPU()
	for _, run := range []struct {
		name string
		each int
	}{{"GOMAXPROCS=NumCPU", cpus}, {"GOMAXPROCS=NumCPU/2", max(1, cpus/2)}} {
		b.Run(run.name, func(b *testing.B) {
			var total usage
			for b.Loop() {
				var children []*processes.Process[usage]
				for range 2 {
					p := processes.New(spin, 1000, processes.WithEnv(fmt.Sprintf("GOMAXPROCS=%d", run.each)))
					if err := p.Start(b.Context()); err != nil {
						b.Fatal(err)
					}
					children = append(children, p)
				}
				for _, p := range children {
					u, err := p.Wait(b.Context())
					if err != nil {
						b.Fatal(err)
					}
					total.CPU += u.CPU
					total.Involuntary += u.Involuntary
				}
			}
			b.ReportMetric(float64(total.CPU)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(total.Involuntary)/float64(b.N), "ctxsw/op")
		})
	}
}
