package futures

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

// ThreadPool runs tasks on goroutines of this process: Python's
// ThreadPoolExecutor. It starts a worker goroutine for a task only when no
// worker is idle, up to its size, and keeps them for the next tasks.
type ThreadPool struct {
	size int
	name string // the workers' name prefix
	init *initializer

	mu      sync.Mutex
	cond    sync.Cond // a task was queued, or the pool is shutting down
	queue   taskQueue
	idle    int          // workers waiting for a task, not yet woken
	started int          // workers started
	busy    atomic.Int32 // workers running a task's function
	free    func()       // p.returned, made once: a method value per task would allocate
	shut    bool
	broken  error
	workers sync.WaitGroup
}

// pools numbers ThreadPools, as Python numbers ThreadPoolExecutor-0, -1...
var pools atomic.Int64

// DefaultThreadWorkers is what size 0 gives a ThreadPool: Python's
// min(32, process_cpu_count() + 4), which assumes I/O-bound tasks (a CPU-
// bound task gains nothing from more workers than CPUs). runtime.NumCPU is
// the CPUs this process may use, as process_cpu_count() is.
func DefaultThreadWorkers() int { return min(32, runtime.NumCPU()+4) }

// NewThreadPool makes an executor that runs at most workers tasks at once,
// each on a goroutine: 0 means DefaultThreadWorkers().
func NewThreadPool(workers int, opts ...Option) (*ThreadPool, error) {
	o, err := buildOptions("ThreadPool", opts)
	if err != nil {
		return nil, fmt.Errorf("futures: new thread pool: %w", err)
	}
	if workers < 0 {
		return nil, fmt.Errorf("futures: new thread pool: %d workers: give at least 1, or 0 for the default (%d here)", workers, DefaultThreadWorkers())
	}
	if workers == 0 {
		workers = DefaultThreadWorkers()
	}
	p := &ThreadPool{size: workers, name: o.prefix, init: o.init}
	if p.name == "" {
		p.name = fmt.Sprintf("ThreadPool-%d", pools.Add(1))
	}
	p.cond.L = &p.mu
	p.free = p.returned
	return p, nil
}

// Workers is the most tasks the pool runs at once.
func (p *ThreadPool) Workers() int { return p.size }

// Execute queues t, and wakes an idle worker or starts a new one.
func (p *ThreadPool) Execute(t *Task) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.broken != nil:
		return p.broken
	case p.shut:
		return ErrShutdown
	}
	p.queue.push(t)
	// A worker whose function has returned is free, even before it waits
	// again: it takes the task when it looks at the queue. A new worker
	// starts only for tasks no free worker will take.
	if free := p.started - int(p.busy.Load()); p.queue.len() > free && p.started < p.size {
		name := fmt.Sprintf("%s_%d", p.name, p.started)
		p.started++
		p.workers.Go(func() { p.work(&Worker{Name: name, PID: os.Getpid()}) })
		return nil
	}
	if p.idle > 0 {
		p.idle--
		p.cond.Signal()
	}
	return nil
}

// work is a worker goroutine: it runs the initializer, then tasks until
// the pool is shut down and its queue is empty.
func (p *ThreadPool) work(w *Worker) {
	if p.init != nil {
		if err := p.init.here(context.WithValue(context.Background(), workerKey{}, w)); err != nil {
			p.breakWith(broken(fmt.Sprintf("the initializer %s failed in %s", p.init.name, w.Name), err))
			return
		}
	}
	for {
		p.mu.Lock()
		for p.queue.len() == 0 && !p.shut && p.broken == nil {
			p.idle++
			p.cond.Wait()
		}
		t := p.queue.pop()
		if t != nil {
			p.busy.Add(1)
		}
		p.mu.Unlock()
		if t == nil {
			return
		}
		if ctx, ok := t.Start(w); ok {
			t.job.runHere(ctx, p.free)
		} else {
			p.free()
		}
	}
}

// returned marks a worker free again: its task's function has returned.
func (p *ThreadPool) returned() { p.busy.Add(-1) }

// breakWith fails every queued task with err, and the later submissions.
func (p *ThreadPool) breakWith(err error) {
	p.mu.Lock()
	if p.broken != nil {
		p.mu.Unlock()
		return
	}
	p.broken = err
	queued := p.queue.drain()
	p.idle = 0
	p.cond.Broadcast()
	p.mu.Unlock()
	for _, t := range queued {
		t.Fail(err)
	}
}

// Shutdown stops the pool taking tasks; see Executor.
func (p *ThreadPool) Shutdown(ctx context.Context, opts ...ShutdownOption) error {
	o := shutdownOpts(opts)
	p.mu.Lock()
	p.shut = true
	var cancelled []*Task
	if o.cancelPending {
		cancelled = p.queue.drain()
	}
	p.idle = 0
	p.cond.Broadcast()
	p.mu.Unlock()
	for _, t := range cancelled {
		t.ctx.c.cancel()
	}
	if o.noWait {
		return nil
	}
	return waitGroup(ctx, &p.workers, "futures: shut down the thread pool")
}

// Close is Shutdown(context.Background()).
func (p *ThreadPool) Close() error { return p.Shutdown(context.Background()) }

// waitGroup waits for wg, or for ctx to end.
func waitGroup(ctx context.Context, wg *sync.WaitGroup, what string) error {
	finished := make(chan struct{})
	go func() { // ends when wg is done, whether or not we still wait
		wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%s: %w", what, ctx.Err())
	}
}

// taskQueue is a first-in, first-out queue of tasks.
type taskQueue struct {
	items []*Task
	head  int
}

func (q *taskQueue) len() int { return len(q.items) - q.head }

func (q *taskQueue) push(t *Task) {
	if q.head > 0 && q.head == len(q.items) {
		q.items, q.head = q.items[:0], 0
	}
	q.items = append(q.items, t)
}

// pop takes the first task, or returns nil.
func (q *taskQueue) pop() *Task {
	if q.len() == 0 {
		return nil
	}
	t := q.items[q.head]
	q.items[q.head] = nil
	q.head++
	if q.head > 1024 && q.head*2 > len(q.items) { // move the rest to the front
		n := copy(q.items, q.items[q.head:])
		clear(q.items[n:])
		q.items, q.head = q.items[:n], 0
	}
	return t
}

// drain takes every task.
func (q *taskQueue) drain() []*Task {
	out := append([]*Task(nil), q.items[q.head:]...)
	q.items, q.head = nil, 0
	return out
}
