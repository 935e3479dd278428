// Command mix is the Python series' "mix multiprocessing and
// multithreading" in Go: the values, seconds of sleep (in units of -unit),
// are split across 2 child processes, and each child starts one goroutine
// per value. The Python's threads throw their results away; here every
// result comes back to the parent, in the order of the values.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gophertutor/concurrency/internal/timeline"
	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Batch is what a child is given: its values, the time unit, and the name
// of the results (the Python's "test").
type Batch struct {
	Values []int
	Unit   time.Duration
	Name   string
}

// Result is one value's result, and where and when it ran.
type Result struct {
	Result     map[string]int // {name: v*v}, as the Python's do_something makes
	Process    string
	Goroutine  int
	Start, End time.Time
}

// sleepAll runs in a child process. Like the Python's make_multi_threads,
// it starts one goroutine per value; unlike it, each goroutine keeps its
// result, in a slot of its own, and the child returns them all.
var sleepAll = processes.Register("sleepAll", func(ctx context.Context, b Batch) ([]Result, error) {
	me := processes.Current().Name
	fmt.Printf("%s: values %v, one goroutine each\n", me, b.Values)
	results := make([]Result, len(b.Values))
	var wg sync.WaitGroup
	for i, v := range b.Values {
		fmt.Printf("%s runs %d on goroutine %d\n", me, v, i+1)
		wg.Go(func() {
			start := time.Now()
			time.Sleep(time.Duration(v) * b.Unit) // the work
			results[i] = Result{Result: map[string]int{b.Name: v * v}, Process: me, Goroutine: i + 1, Start: start, End: time.Now()}
		})
	}
	wg.Wait() // the Python joins its threads too, but has nothing to return
	return results, nil
})

func main() {
	processes.RunChildIfRequested()
	list := flag.String("values", "1,2,3,4,5", "the values: units of sleep each")
	unit := flag.Duration("unit", time.Second, "the time unit")
	procs := flag.Int("procs", 2, "how many child processes")
	flag.Parse()
	values, err := parse(*list)
	if err != nil {
		log.Fatal(err)
	}
	if *procs < 1 || *procs > len(values) {
		log.Fatalf("-procs=%d: give 1 to %d (one value at least per process)", *procs, len(values))
	}

	// The split: contiguous batches whose sizes differ by one at most, the
	// bigger first, so [1 2 3 4 5] on 2 processes is [1 2 3] and [4 5].
	var batches [][]int
	for i, first := 0, 0; i < *procs; i++ {
		n := len(values) / *procs
		if i < len(values)%*procs {
			n++
		}
		batches = append(batches, values[first:first+n])
		first += n
	}
	fmt.Printf("values %v split across %d processes: %v\n", values, *procs, batches)

	tl := timeline.New()
	ctx := context.Background()
	var children []*processes.Process[[]Result]
	for _, b := range batches { // start them all...
		p := processes.New(sleepAll, Batch{Values: b, Unit: *unit, Name: "test"})
		if err := p.Start(ctx); err != nil {
			log.Fatal(err)
		}
		children = append(children, p)
	}
	var results []Result
	for _, p := range children { // ...then wait for them all, in order
		rs, err := p.Wait(ctx)
		if err != nil {
			log.Fatal(err)
		}
		results = append(results, rs...)
	}
	elapsed := time.Since(tl.Origin())

	var all []map[string]int
	total := 0
	for i, r := range results {
		all = append(all, r.Result)
		total += values[i]
		tl.Add(fmt.Sprintf("%s g%d", r.Process, r.Goroutine), strconv.Itoa(values[i]), r.Start, r.End)
	}
	fmt.Println("results, in the order of the values:", all)
	fmt.Printf("It takes %v; one after the other, %d units of %v would take %v\n",
		elapsed.Round(10*time.Millisecond), total, *unit, time.Duration(total)**unit)
	fmt.Print("\n", tl.Chart(timeline.DefaultWidth))
}

func parse(list string) ([]int, error) {
	var values []int
	for _, f := range strings.Split(list, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v < 0 {
			return nil, fmt.Errorf("-values=%s: give whole numbers of units, separated by commas", list)
		}
		values = append(values, v)
	}
	return values, nil
}
