// Command ladder measures the termination ladder: 2, 8 and 32 worker
// processes, drawing values, stopped each way in turn: asked through an
// Event, SIGTERM that they handle, SIGTERM that they do not, SIGKILL; and
// goroutines, asked through a context. For each: the time from the stop to
// every worker gone, the values lost (drawn but never returned), and the
// cleanups skipped (deferred calls that never ran). Then the whole ladder
// on a crowd that answers all four ways.
package main

import (
	"context"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

// How is what a worker answers to.
type How int

// The ways a worker answers being stopped.
const (
	Listens     How = iota // to the Event, through termination.WhenSet
	HandlesTerm            // to SIGTERM, through signal.NotifyContext
	DiesOnTerm             // to nothing: SIGTERM's default action ends it
	IgnoresTerm            // to nothing, and it ignores SIGTERM: only SIGKILL ends it
)

// Job is one worker's task.
type Job struct {
	Worker  int
	How     How
	Stop    *processes.Event
	Ready   *processes.Queue[int]
	Counter string // a file holding how many values it has drawn: it outlives the worker
	Scratch string // a file it makes, and removes in a deferred call
}

// work draws a value a millisecond until it is stopped the way it answers
// to, and returns them all.
var work = processes.Register("work", func(ctx context.Context, j Job) ([]float64, error) {
	stopped := context.Background() // DiesOnTerm and IgnoresTerm never stop on their own
	switch j.How {
	case Listens:
		var cancel context.CancelFunc
		stopped, cancel = termination.WhenSet(ctx, j.Stop)
		defer cancel()
	case HandlesTerm:
		var cancel context.CancelFunc
		stopped, cancel = signal.NotifyContext(ctx, syscall.SIGTERM)
		defer cancel()
	case IgnoresTerm:
		signal.Ignore(syscall.SIGTERM)
	}
	if err := os.WriteFile(j.Scratch, nil, 0o600); err != nil {
		return nil, err
	}
	defer os.Remove(j.Scratch) // the cleanup
	counter, err := os.OpenFile(j.Counter, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	defer counter.Close()
	values := termination.NewValues(1, j.Worker)
	var drawn []float64
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stopped.Done():
			return drawn, nil
		case <-tick.C:
		}
		drawn = append(drawn, values.Next())
		if _, err := counter.WriteAt(binary.LittleEndian.AppendUint64(nil, uint64(len(drawn))), 0); err != nil {
			return drawn, err
		}
		if len(drawn) == 1 {
			if err := j.Ready.Put(ctx, os.Getpid()); err != nil {
				return drawn, err
			}
		}
	}
})

// crowd is n workers, started and drawing.
type crowd struct {
	jobs  []Job
	procs []*processes.Process[[]float64]
	stop  *processes.Event
}

func startCrowd(dir string, hows []How) *crowd {
	c := &crowd{stop: processes.NewEvent()}
	ready := processes.NewQueue[int](0)
	defer ready.Close()
	for i, how := range hows {
		j := Job{Worker: i, How: how, Stop: c.stop, Ready: ready,
			Counter: filepath.Join(dir, fmt.Sprintf("count-%d", i)), Scratch: filepath.Join(dir, fmt.Sprintf("scratch-%d", i))}
		if err := os.WriteFile(j.Counter, make([]byte, 8), 0o600); err != nil {
			log.Fatal(err)
		}
		p := processes.New(work, j, processes.WithGrace(time.Minute)) // the ladder decides
		if err := p.Start(context.Background()); err != nil {
			log.Fatal(err)
		}
		c.jobs, c.procs = append(c.jobs, j), append(c.procs, p)
	}
	for range hows {
		if _, err := ready.Get(context.Background()); err != nil { // each has drawn a value
			log.Fatal(err)
		}
	}
	return c
}

// costs is what stopping a crowd cost.
type costs struct {
	took           time.Duration
	drawn, lost    int
	skipped, count int
}

// account waits for every worker and counts what stopping them cost.
func (c *crowd) account(took time.Duration) costs {
	k := costs{took: took, count: len(c.procs)}
	for i, p := range c.procs {
		values, _ := p.Wait(context.Background()) // a killed worker returns nothing
		data, err := os.ReadFile(c.jobs[i].Counter)
		if err != nil {
			log.Fatal(err)
		}
		drawn := int(binary.LittleEndian.Uint64(data))
		k.drawn += drawn
		k.lost += drawn - len(values)
		if _, err := os.Stat(c.jobs[i].Scratch); err == nil {
			k.skipped++
			os.Remove(c.jobs[i].Scratch) // the worker's cleanup, done for it
		}
	}
	if err := c.stop.Close(); err != nil {
		log.Fatal(err)
	}
	return k
}

func repeat(how How, n int) []How {
	hows := make([]How, n)
	for i := range hows {
		hows[i] = how
	}
	return hows
}

const grace = 100 * time.Millisecond

// stopEach stops n workers of one kind, the way that kind answers to.
func stopEach(dir string, how How, n int) costs {
	c := startCrowd(dir, repeat(how, n))
	ps := make([]termination.Stoppable, n)
	for i, p := range c.procs {
		ps[i] = p
	}
	start := time.Now()
	switch how {
	case Listens:
		_, err := termination.Stop(func() { _ = c.stop.Set() }, grace, ps...)
		check(err)
	case HandlesTerm, DiesOnTerm:
		_, err := termination.Stop(nil, grace, ps...) // the ladder from SIGTERM
		check(err)
	case IgnoresTerm: // straight to SIGKILL
		for _, p := range c.procs {
			check(p.Kill())
		}
		for _, p := range c.procs {
			<-p.Done()
		}
	}
	return c.account(time.Since(start))
}

// stopGoroutines stops n goroutines drawing values, through a context.
func stopGoroutines(n int) costs {
	ctx, cancel := context.WithCancel(context.Background())
	drawn := make([][]float64, n)
	var started, wg sync.WaitGroup
	for w := range n {
		started.Add(1)
		wg.Go(func() {
			values := termination.NewValues(1, w)
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
				drawn[w] = append(drawn[w], values.Next())
				if len(drawn[w]) == 1 {
					started.Done()
				}
			}
		})
	}
	started.Wait()
	start := time.Now()
	cancel()
	wg.Wait()
	k := costs{took: time.Since(start), count: n}
	for _, d := range drawn {
		k.drawn += len(d) // each is kept where it was drawn: nothing to lose
	}
	return k
}

func main() {
	processes.RunChildIfRequested()
	var sizes []int
	flag.Func("workers", "how many workers to measure with, as 2,8,32 (the default)", func(s string) error {
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 {
				return fmt.Errorf("%q is not a number of workers", f)
			}
			sizes = append(sizes, n)
		}
		return nil
	})
	flag.Parse()
	if sizes == nil {
		sizes = []int{2, 8, 32}
	}
	dir, err := os.MkdirTemp("", "ladder")
	check(err)
	defer os.RemoveAll(dir)

	fmt.Printf("%-7s  %-42s  %-10s  %-11s  %s\n", "workers", "stopped by", "in", "values lost", "cleanups skipped")
	for _, n := range sizes {
		row(n, "an Event they watch (WhenSet): asked", stopEach(dir, Listens, n))
		row(n, "SIGTERM, handled (signal.NotifyContext)", stopEach(dir, HandlesTerm, n))
		row(n, "SIGTERM, not handled", stopEach(dir, DiesOnTerm, n))
		row(n, "SIGKILL", stopEach(dir, IgnoresTerm, n))
		row(n, "goroutines: a context, cancelled", stopGoroutines(n))
	}

	fmt.Printf("\nthe whole ladder, grace %v, on 8 workers: 2 of each kind\n", grace)
	c := startCrowd(dir, []How{Listens, HandlesTerm, DiesOnTerm, IgnoresTerm, Listens, HandlesTerm, DiesOnTerm, IgnoresTerm})
	ps := make([]termination.Stoppable, len(c.procs))
	for i, p := range c.procs {
		ps[i] = p
	}
	start := time.Now()
	rungs, err := termination.Stop(func() { _ = c.stop.Set() }, grace, ps...)
	check(err)
	k := c.account(time.Since(start))
	fmt.Println("rungs:", rungs)
	for i, p := range c.procs {
		code, _ := p.ExitCode()
		fmt.Printf("  worker %d (%s): %s, exit code %d\n", i, []string{"listens", "handles SIGTERM", "dies on SIGTERM", "ignores SIGTERM"}[c.jobs[i].How], rungs[i], code)
	}
	fmt.Printf("stopped in %v: values lost: %s; cleanups skipped: %s\n", k.took.Round(time.Millisecond), lost(k), skipped(k))
}

func row(n int, how string, k costs) {
	fmt.Printf("%7d  %-42s  %-10v  %-11s  %s\n", n, how, round(k.took), lost(k), skipped(k))
}

func round(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(100 * time.Microsecond)
}

func lost(k costs) string {
	switch k.lost {
	case 0:
		return "none"
	case k.drawn:
		return "all"
	}
	return fmt.Sprintf("%d of %d", k.lost, k.drawn)
}

func skipped(k costs) string {
	if k.skipped == 0 {
		return "none"
	}
	return fmt.Sprintf("%d of %d", k.skipped, k.count)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
