// Command event is section 5.2 of the Python series in Go: worker
// processes draw random values until a shared "terminate" event is set; the
// first to draw one above the target sets "met_condition"; the parent waits
// for it and sets "terminate". Python's function returns None: its workers
// append their values to a list in their own memory. Here each worker
// returns every value it drew. Then the Go way: the workers watch the event
// through a context (termination.WhenSet), so that the draw in progress
// stops too.
package main

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
	termination "github.com/gophertutor/concurrency/lessons/05-termination"
)

// Job is one worker's task: Python's do_work(i, terminate, met_condition,
// target_value), with the seed of its values and how long a draw takes.
// Its k-th draw ends at Start + k*Draw, whenever the process started, so
// that the workers' draws end in the same order on every run.
type Job struct {
	Seed         uint64
	Worker       int
	Target       float64
	Start        time.Time
	Draw         time.Duration
	Terminate    *processes.Event
	MetCondition *processes.Event
}

// drawn is when the job's draw k ends.
func (j Job) drawn(k int) time.Time { return j.Start.Add(time.Duration(k) * j.Draw) }

// doWork is Python's do_work: it looks at terminate before each draw, as
// Python's does; a draw in progress runs to its end.
var doWork = processes.Register("do_work", func(_ context.Context, j Job) ([]float64, error) {
	values := termination.NewValues(j.Seed, j.Worker)
	var drawn []float64
	for k := 1; ; k++ {
		set, err := j.Terminate.IsSet()
		if err != nil || set {
			break
		}
		time.Sleep(time.Until(j.drawn(k))) // the expensive calculation
		x := values.Next()
		fmt.Printf("w%d drew %.2f\n", j.Worker, x)
		drawn = append(drawn, x)
		if x > j.Target {
			fmt.Printf("w%d: %.2f is above %.2f: met_condition.set()\n", j.Worker, x, j.Target)
			fmt.Printf("w%d is done\n", j.Worker) // said first: the parent wakes at the Set
			return drawn, j.MetCondition.Set()
		}
	}
	fmt.Printf("w%d is done\n", j.Worker)
	return drawn, nil
})

// hunt is the Go way: one event, watched through a context, so that a
// draw in progress stops when it is set.
var hunt = processes.Register("hunt", func(ctx context.Context, j Job) ([]float64, error) {
	ctx, stop := termination.WhenSet(ctx, j.Terminate)
	defer stop()
	values := termination.NewValues(j.Seed, j.Worker)
	var drawn []float64
	for k := 1; ctx.Err() == nil; k++ {
		select {
		case <-ctx.Done(): // set while it drew: that value was never drawn
			continue
		case <-time.After(time.Until(j.drawn(k))):
		}
		x := values.Next()
		fmt.Printf("w%d drew %.2f\n", j.Worker, x)
		drawn = append(drawn, x)
		if x > j.Target {
			fmt.Printf("w%d: %.2f is above %.2f: terminate.set()\n", j.Worker, x, j.Target)
			if err := j.Terminate.Set(); err != nil {
				return drawn, err
			}
			break
		}
	}
	fmt.Printf("w%d is done\n", j.Worker)
	return drawn, nil
})

func main() {
	processes.RunChildIfRequested()
	seed := flag.Uint64("seed", 16, "the seed of the random values")
	random := flag.Bool("random", false, "use a random seed (printed)")
	procs := flag.Int("procs", 2, "how many worker processes")
	target := flag.Float64("target", 0.8, "the value to beat")
	tick := flag.Duration("tick", 100*time.Millisecond, "how long one of worker 0's draws takes; worker i's take (3+i)/3 times that")
	flag.Parse()
	if *random {
		var b [8]byte
		_, _ = rand.Read(b[:])
		*seed = binary.LittleEndian.Uint64(b[:]) % 1000
	}
	fmt.Printf("seed %d, %d workers, target %.2f\n", *seed, *procs, *target)
	ctx := context.Background()

	fmt.Println("\n== as in Python: terminate and met_condition, is_set() between draws")
	terminate, met := processes.NewEvent(), processes.NewEvent()
	begin := time.Now().Add(*tick) // once every process has started
	ps := start(ctx, doWork, *procs, func(i int) Job {
		return Job{Seed: *seed, Worker: i, Target: *target, Start: begin, Draw: draw(*tick, i), Terminate: terminate, MetCondition: met}
	})
	if err := met.Wait(ctx); err != nil {
		log.Fatal(err)
	}
	if err := terminate.Set(); err != nil {
		log.Fatal(err)
	}
	set := time.Now()
	fmt.Println("parent: met_condition is set: terminate.set()")
	collect(ctx, ps, set)
	closeAll(terminate, met)

	fmt.Println("\n== the Go way: one event, watched through a context")
	terminate = processes.NewEvent()
	begin = time.Now().Add(*tick)
	ps = start(ctx, hunt, *procs, func(i int) Job {
		return Job{Seed: *seed, Worker: i, Target: *target, Start: begin, Draw: draw(*tick, i), Terminate: terminate}
	})
	if err := terminate.Wait(ctx); err != nil {
		log.Fatal(err)
	}
	collect(ctx, ps, time.Now())
	closeAll(terminate)
}

// draw is how long one of worker i's draws takes: the workers' draws end
// at different moments, so the output is the same on every run.
func draw(tick time.Duration, i int) time.Duration { return tick * time.Duration(3+i) / 3 }

// start starts one process per worker.
func start(ctx context.Context, fn *processes.Func[Job, []float64], n int, job func(int) Job) []*processes.Process[[]float64] {
	ps := make([]*processes.Process[[]float64], n)
	for i := range ps {
		ps[i] = processes.New(fn, job(i))
		if err := ps[i].Start(ctx); err != nil {
			log.Fatal(err)
		}
	}
	return ps
}

// collect waits for every worker and prints what they all drew: Python's
// all_outputs, which its function never filled.
func collect(ctx context.Context, ps []*processes.Process[[]float64], set time.Time) {
	all := make([][]float64, len(ps))
	total := 0
	for i, p := range ps {
		values, err := p.Wait(ctx)
		if err != nil {
			log.Fatal(err)
		}
		all[i] = values
		total += len(values)
	}
	fmt.Printf("every worker stopped %v after the event was set\n", time.Since(set).Round(time.Millisecond))
	fmt.Println("all_outputs =", all, "-", total, "values, every one drawn")
}

func closeAll(events ...*processes.Event) {
	for _, e := range events {
		if err := e.Close(); err != nil {
			log.Fatal(err)
		}
	}
}
