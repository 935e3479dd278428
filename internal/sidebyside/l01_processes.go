package sidebyside

import (
	"context"
	"errors"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// Lesson 01's figures: a pool of 2 worker processes (map, in chunks,
// starmap), a process's start and join, a queue between processes, and
// CPU-bound work on processes. Their Python twins are in l01_processes.py.
var lesson01 = []*Figure{
	{ID: "pool-map", Lesson: "01", Kind: PerOp, Size: 2000, Short: 200, Rounds: 3,
		What: "Pool(2).map of a no-op over n args, chunk size 1: per task", Go: poolMap(1)},
	{ID: "pool-map-256", Lesson: "01", Kind: PerOp, Size: 100_000, Short: 5000, Rounds: 3,
		What: "the same in chunks of 256: per task", Go: poolMap(256)},
	{ID: "pool-starmap", Lesson: "01", Kind: PerOp, Size: 2000, Short: 200, Rounds: 3,
		What: "Pool(2).starmap of add over n pairs, chunk size 1: per task", Go: poolStarmap},
	{ID: "process-spawn", Lesson: "01", Kind: PerOp, Size: 6, Short: 1, Rounds: 3,
		What: "start a process that does nothing and join it (Python: spawn)", Go: processStartJoin},
	{ID: "process-fork", Lesson: "01", Kind: PerOp, Size: 20, Short: 2, Rounds: 3,
		What: "the same (Python: fork, Linux's default before 3.14)", Go: processStartJoin},
	{ID: "queue", Lesson: "01", Kind: PerOp, Size: 2000, Short: 200, Rounds: 3,
		What: "a child puts n items on a Queue, the parent gets them: per item", Go: queueItems},
	{ID: "cpu-processes", Lesson: "01", Kind: Speedup, Size: 2_000_000, Short: 50_000, Rounds: 7,
		What: "a busy loop of n steps in 16 tasks on Pool(2) vs Pool(1)", Work: cpuProcesses},
}

// Functions that run in worker processes: registered at package level, so
// that a child (this program started again) has them too.
var (
	noop  = processes.Register("sidebyside.noop", func(_ context.Context, n int) (int, error) { return n, nil })
	add   = processes.Register2("sidebyside.add", func(_ context.Context, a, b int) (int, error) { return a + b, nil })
	busy  = processes.Register("sidebyside.busy", func(_ context.Context, n int) (uint64, error) { return busyLoop(n), nil })
	putN  = processes.Register("sidebyside.put", putItems)
	warm  = 100 // tasks that warm a pool up before the clock starts, on both sides
	tasks = 16  // the tasks a CPU-bound job is cut into
)

// withPool runs job on a new pool of workers worker processes, warmed up.
func withPool(ctx context.Context, workers int, job func(p *processes.Pool) error) (err error) {
	p, err := processes.NewPool(workers)
	if err != nil {
		return err
	}
	defer func() {
		p.Close()
		err = errors.Join(err, p.Join(context.Background()))
	}()
	if _, err := processes.Map(ctx, p, noop, make([]int, warm)); err != nil {
		return err
	}
	return job(p)
}

func poolMap(chunk int) func(context.Context, *Env, int) (float64, error) {
	return func(ctx context.Context, _ *Env, n int) (s float64, err error) {
		err = withPool(ctx, 2, func(p *processes.Pool) error {
			args := make([]int, n)
			s, err = perOp(n, func() error {
				_, err := processes.Map(ctx, p, noop, args, processes.WithChunkSize(chunk))
				return err
			})
			return err
		})
		return s, err
	}
}

func poolStarmap(ctx context.Context, _ *Env, n int) (s float64, err error) {
	err = withPool(ctx, 2, func(p *processes.Pool) error {
		pairs := make([]processes.Pair[int, int], n)
		for i := range pairs {
			pairs[i] = processes.Pair[int, int]{First: i, Second: i}
		}
		s, err = perOp(n, func() error {
			_, err := processes.Map(ctx, p, add, pairs, processes.WithChunkSize(1))
			return err
		})
		return err
	})
	return s, err
}

func processStartJoin(ctx context.Context, _ *Env, n int) (float64, error) {
	return perOp(n, func() error {
		for range n {
			p := processes.New(noop, 0)
			if err := p.Start(ctx); err != nil {
				return err
			}
			if _, err := p.Wait(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// Puts is what a child of the queue figure is given: the queue, and how
// many items to put on it after the first, which says it has started.
type Puts struct {
	Q *processes.Queue[int]
	N int
}

func putItems(ctx context.Context, a Puts) (int, error) {
	for i := range a.N + 1 {
		if err := a.Q.Put(ctx, i); err != nil {
			return i, err
		}
	}
	return a.N, nil
}

func queueItems(ctx context.Context, _ *Env, n int) (float64, error) {
	q := processes.NewQueue[int](0)
	defer q.Close()
	p := processes.New(putN, Puts{Q: q, N: n})
	if err := p.Start(ctx); err != nil {
		return 0, err
	}
	if _, err := q.Get(ctx); err != nil { // the child has started
		err = errors.Join(err, p.Kill())
		_, _ = p.Wait(context.Background()) // reap it: its error is its death
		return 0, err
	}
	s, err := perOp(n, func() error {
		for range n {
			if _, err := q.Get(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	_, werr := p.Wait(ctx)
	return s, errors.Join(err, werr)
}

// cpuProcesses maps busyLoop over 16 tasks of n/16 steps on a warm pool of
// workers processes, as BenchmarkPoolCPUBound does.
func cpuProcesses(ctx context.Context, n, workers int) (s float64, err error) {
	args := make([]int, tasks)
	for i := range args {
		args[i] = n / tasks
	}
	err = withPool(ctx, workers, func(p *processes.Pool) error {
		s, err = timed(func() error {
			_, err := processes.Map(ctx, p, busy, args, processes.WithChunkSize(1))
			return err
		})
		return err
	})
	return s, err
}
