package futures

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	processes "github.com/gophertutor/concurrency/lessons/01-processes"
)

// ProcessPool runs tasks in worker processes, on lesson 01's Pool: Python's
// ProcessPoolExecutor. Its functions must be registered at start-up and
// its arguments and results must cross between processes (encoding/gob),
// as lesson 01 explains; both are checked when a task is submitted.
//
// Python's ProcessPoolExecutor hands a task to its workers through one
// shared queue, and counts a task as running from then on, so that only
// tasks it has not handed over yet can be cancelled. This one hands at most
// two tasks per worker (and one more) to the pool, or, for tasks that take
// microseconds, about a millisecond's worth; the others wait in its own
// queue, where Cancel works.
//
// A broken pool: when a worker process dies (a crash, a signal, os.Exit),
// Python breaks the whole pool. Its workers share that queue and a queue of
// results, and a process that died while it held a lock of theirs, or in the
// middle of a message, can leave them unusable for every other worker; so
// every pending and running future fails with BrokenProcessPool, and so do
// later submissions. A ProcessPool does the same by default (ErrBroken,
// wrapping the *processes.WorkerDiedError that names the exit code or
// signal). Lesson 01's workers each have pipes of their own, so one death
// harms no other worker: with ReplaceCrashedWorkers, only the task that ran
// fails, and a new worker takes the dead one's place.
type ProcessPool struct {
	size int
	opts options

	ready  chan struct{}   // closed once the pool has started, or failed to
	pool   *processes.Pool // set before ready is closed; nil if it failed
	bg     sync.WaitGroup  // the goroutines: the starter, chunk runners, the closer
	tasks  sync.WaitGroup  // the tasks taken and not yet done
	closer sync.Once
	closed chan struct{} // closed once the pool is closed and joined

	settleFn func(error) error // p.settle, made once

	mu       sync.Mutex
	queue    taskQueue
	feeding  bool // a goroutine is in feed
	again    bool // and should look at the queue again
	inflight int
	shut     bool
	broken   error
	last     time.Time     // when a task last finished
	interval time.Duration // the average time between two finishing
}

// NewProcessPool makes an executor whose tasks run in workers worker
// processes (0 means processes.CPUCount(): one per CPU this program may
// use, which is Python's default too). It returns at once; the workers
// start in the background, and tasks submitted meanwhile wait for them. If
// they cannot start (an initializer fails), the pool is broken.
func NewProcessPool(workers int, opts ...Option) (*ProcessPool, error) {
	o, err := buildOptions("ProcessPool", opts)
	if err != nil {
		return nil, opErr("new process pool", err)
	}
	if workers < 0 {
		return nil, fmt.Errorf("futures: new process pool: %d workers: give at least 1, or 0 for one per CPU (%d here)", workers, processes.CPUCount())
	}
	if workers == 0 {
		workers = processes.CPUCount()
	}
	popts := append([]processes.Option{}, o.processes...)
	if o.init != nil {
		popts = append(popts, o.init.pool)
	}
	if o.maxTasks > 0 {
		popts = append(popts, processes.WithMaxTasksPerWorker(o.maxTasks))
	}
	if !o.replace {
		// Python's rule: no task starts once a worker has died.
		popts = append(popts, processes.StopOnWorkerDeath())
	}
	p := &ProcessPool{size: workers, opts: o, ready: make(chan struct{}), closed: make(chan struct{})}
	p.settleFn = p.settle
	p.bg.Go(func() { p.start(popts) })
	return p, nil
}

func (p *ProcessPool) start(popts []processes.Option) {
	pool, err := processes.NewPool(p.size, popts...)
	if err != nil {
		p.breakWith(broken("its worker processes could not start", err))
		close(p.ready)
		return
	}
	p.mu.Lock()
	p.pool = pool
	p.mu.Unlock()
	close(p.ready)
	p.feed()
}

// Workers is the number of worker processes.
func (p *ProcessPool) Workers() int { return p.size }

// limit is how many tasks are handed to the workers at once: two per
// worker and one more, as Python does, or, for tasks so short that the
// workers finish more than that in a millisecond, a millisecond's worth
// (up to 32 per worker), so that the pipes to the workers never run dry.
// p.mu is held.
func (p *ProcessPool) limit() int {
	least, most := 2*p.size+1, 32*p.size
	if p.interval <= 0 {
		return least
	}
	return min(most, max(least, int(time.Millisecond/p.interval)))
}

// observe updates the average time between two tasks finishing; p.mu is
// held.
func (p *ProcessPool) observe() {
	now := time.Now()
	if !p.last.IsZero() {
		gap := now.Sub(p.last)
		if p.interval == 0 {
			p.interval = gap
		} else {
			p.interval = (7*p.interval + gap) / 8
		}
	}
	p.last = now
}

// Execute checks that t can run in a worker process and queues it.
func (p *ProcessPool) Execute(t *Task) error {
	if err := t.job.sendable(); err != nil {
		return err
	}
	p.mu.Lock()
	switch {
	case p.broken != nil:
		p.mu.Unlock()
		return p.broken
	case p.shut:
		p.mu.Unlock()
		return ErrShutdown
	}
	p.queue.push(t)
	p.tasks.Add(1)
	p.mu.Unlock()
	p.feed()
	return nil
}

// feed hands queued tasks to the pool while it has room for them, in the
// order they were submitted: one goroutine feeds at a time, and one that
// finds another feeding asks it to look again.
func (p *ProcessPool) feed() {
	p.mu.Lock()
	if p.feeding {
		p.again = true
		p.mu.Unlock()
		return
	}
	p.feeding = true
	for {
		if p.pool == nil || p.broken != nil || p.inflight >= p.limit() || p.queue.len() == 0 {
			if !p.again {
				p.feeding = false
				p.mu.Unlock()
				return
			}
			p.again = false
			continue
		}
		t := p.queue.pop()
		p.inflight++
		pool := p.pool
		p.mu.Unlock()

		if ctx, ok := t.Start(nil); ok {
			t.job.runOnPool(ctx, pool, &p.bg, p.settleFn)
		} else { // cancelled while it waited
			p.settle(nil)
		}
		p.mu.Lock()
	}
}

// settle is called once a task handed to the pool is done, with the
// error that may break the pool; it returns the error its future gets.
func (p *ProcessPool) settle(err error) error {
	var died *processes.WorkerDiedError
	switch {
	case p.opts.replace || err == nil:
	case errors.As(err, &died):
		// Python's words; then which worker died, and how, for every task
		// that fails with the pool (the WorkerDiedError's own words say
		// "this task", which is true of one of them only).
		b := &brokenError{why: "a process in the pool was terminated abruptly while the future was running or pending (" +
			died.Exit.Error() + ")", cause: died, silent: true}
		p.breakWith(b)
		err = b // this task's error names its worker, whatever broke the pool first
	case errors.Is(err, processes.ErrPoolTerminated) || errors.Is(err, processes.ErrPoolClosed):
		// Lesson 01's pool stopped itself: a worker died (StopOnWorkerDeath),
		// and this task was not the one it ran.
		p.breakWith(broken("a process in the pool was terminated abruptly while the future was running or pending", nil))
	}
	p.mu.Lock()
	p.inflight--
	p.observe()
	broken := p.broken
	p.mu.Unlock()
	p.tasks.Done()
	if broken != nil && stoppedWithPool(err) {
		err = broken // every task the pool was running fails with the pool
	}
	p.feed()
	return err
}

// stoppedWithPool reports whether err is what lesson 01's pool gives a
// task it stopped or refused because it was terminated: such a task fails
// with the broken pool. A task's own outcome, its result or the error its
// function returned, stays its own even when the break is seen first (a
// task that finished before the crash, whose callback comes after another
// task found the pool terminated): in Python, a future that is done is not
// failed by the break.
func stoppedWithPool(err error) bool {
	return !errors.Is(err, ErrBroken) &&
		(errors.Is(err, processes.ErrPoolTerminated) || errors.Is(err, processes.ErrPoolClosed))
}

// breakWith breaks the pool: the queued tasks fail with err, and so do
// those it runs (its workers are killed) and those submitted later.
func (p *ProcessPool) breakWith(err error) {
	p.mu.Lock()
	if p.broken != nil {
		p.mu.Unlock()
		return
	}
	p.broken = err
	queued := p.queue.drain()
	pool := p.pool
	p.mu.Unlock()
	for _, t := range queued {
		t.Fail(err)
		p.tasks.Done()
	}
	if pool != nil {
		pool.Kill()
	}
}

// Shutdown stops the pool taking tasks; see Executor. Once the tasks it
// took are done, its worker processes exit.
func (p *ProcessPool) Shutdown(ctx context.Context, opts ...ShutdownOption) error {
	o := shutdownOpts(opts)
	p.mu.Lock()
	p.shut = true
	var cancelled []*Task
	if o.cancelPending {
		cancelled = p.queue.drain()
	}
	p.mu.Unlock()
	for _, t := range cancelled {
		t.ctx.c.cancel()
		p.tasks.Done()
	}
	p.closer.Do(func() { p.bg.Go(p.closeWhenDone) })
	if o.noWait {
		return nil
	}
	select {
	case <-p.closed:
		return waitGroup(ctx, &p.bg, "futures: shut down the process pool")
	case <-ctx.Done():
		return fmt.Errorf("futures: shut down the process pool: %w", ctx.Err())
	}
}

// closeWhenDone closes and joins lesson 01's pool once every task is done.
func (p *ProcessPool) closeWhenDone() {
	defer close(p.closed)
	p.tasks.Wait()
	<-p.ready
	if p.pool != nil {
		p.pool.Close()
		_ = p.pool.Join(context.Background())
	}
}

// Close is Shutdown(context.Background()).
func (p *ProcessPool) Close() error { return p.Shutdown(context.Background()) }

// TerminateWorkers stops the worker processes now with SIGTERM: Python
// 3.14's terminate_workers. The tasks not started are cancelled; those
// running fail with ErrBroken; the pool takes no more.
func (p *ProcessPool) TerminateWorkers() { p.stopWorkers("terminated", (*processes.Pool).Terminate) }

// KillWorkers is TerminateWorkers with SIGKILL: Python's kill_workers.
func (p *ProcessPool) KillWorkers() { p.stopWorkers("killed", (*processes.Pool).Kill) }

func (p *ProcessPool) stopWorkers(how string, stop func(*processes.Pool)) {
	_ = p.Shutdown(context.Background(), CancelPending(), NoWait())
	p.mu.Lock()
	if p.broken == nil {
		p.broken = broken("its workers were "+how, nil)
	}
	p.mu.Unlock()
	<-p.ready
	if p.pool != nil {
		stop(p.pool)
	}
}
