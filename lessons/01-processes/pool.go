package processes

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"syscall"
	"time"
)

// Pool is a fixed number of long-lived worker processes that run tasks:
// Python's multiprocessing.Pool. Workers are started once and reused for
// task after task (each task can see which one ran it with Current). Give
// it work with Map, Starmap and ApplyAsync; then Close it (or Terminate it)
// and Join it.
//
// A worker that dies (a crash, a signal) fails the task it was running (the
// whole chunk, for Map with a chunk size above 1) with a *WorkerDiedError;
// the tasks queued behind it go to other workers, and the pool starts a new
// worker in its place.
type Pool struct {
	size int
	opts options

	events chan poolEvent // to the dispatcher, which owns the pool's state
	done   chan struct{}  // closed when the dispatcher has finished
	cbs    *callbacks
	wg     sync.WaitGroup // the dispatcher, the callback runner, the exit watchers

	mu    sync.Mutex
	state poolState
}

type poolState int

const (
	poolOpen poolState = iota
	poolClosed
	poolTerminated
)

// How many chunks a worker is sent ahead of the one it runs. Two keep it
// from idling between tasks; for tiny tasks, up to maxWindow let it run
// them back to back while the parent refills in batches. Long tasks keep
// the window small, so that no task waits behind another while a worker
// is free.
const (
	minWindow = 2
	maxWindow = 32
	// windowBudget is roughly how much work a worker may hold.
	windowBudget = time.Millisecond
)

// NewPool starts a pool of n worker processes, named PoolWorker-N. A pool
// needs at least one worker; CPUCount is the usual size for CPU-bound work.
func NewPool(n int, opts ...Option) (*Pool, error) {
	if n < 1 {
		return nil, fmt.Errorf("new pool: %d workers: a pool needs at least 1 (processes.CPUCount() is %d here)", n, CPUCount())
	}
	if !startedUp.Load() {
		return nil, fmt.Errorf("new pool: %w: call processes.RunChildIfRequested() as the first line of main (and of TestMain)", ErrNoGuard)
	}
	p := &Pool{size: n, opts: buildOptions(opts), events: make(chan poolEvent), done: make(chan struct{}), cbs: newCallbacks()}
	d := &dispatcher{pool: p, workers: map[*poolWorker]bool{}}
	for range n {
		if err := d.startWorker(); err != nil {
			d.abandon()
			return nil, fmt.Errorf("new pool: %w", err)
		}
	}
	// The workers start in parallel; the pool is ready when all of them are,
	// so that its first tasks do not wait for a program to start up.
	for _, w := range d.order {
		select {
		case <-w.ready:
		case <-w.cp.exited:
			err := w.cp.exitError()
			d.abandon()
			return nil, fmt.Errorf("new pool: %s exited before it was ready: %w", w.name, err)
		}
	}
	p.wg.Go(func() {
		defer close(p.done)
		d.loop()
	})
	p.wg.Go(p.cbs.run)
	return p, nil
}

// Close stops the pool from taking new tasks. The workers finish the tasks
// already given and then exit; Join waits for that.
func (p *Pool) Close() error { return p.stop(poolClosed, closeEvent{}) }

// Terminate stops the workers now with SIGTERM, as Python's terminate()
// does: the tasks they were running, and those not started, fail with
// ErrPoolTerminated. Results that already arrived are kept.
func (p *Pool) Terminate() error { return p.stop(poolTerminated, terminateEvent{}) }

func (p *Pool) stop(to poolState, ev poolEvent) error {
	p.mu.Lock()
	if p.state >= to {
		p.mu.Unlock()
		return nil
	}
	p.state = to
	p.mu.Unlock()
	p.send(ev)
	return nil
}

// Join waits until every worker has exited and every callback has run. Call
// Close or Terminate first; do not call Join from a callback, which Join
// would wait for.
func (p *Pool) Join(ctx context.Context) error {
	p.mu.Lock()
	open := p.state == poolOpen
	p.mu.Unlock()
	if open {
		return errors.New("join pool: it is still running: call Close or Terminate first")
	}
	finished := make(chan struct{})
	go func() { // ends when the pool does, whether or not we still wait
		p.wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("join pool: %w", ctx.Err())
	}
}

// Size is the number of worker processes.
func (p *Pool) Size() int { return p.size }

// send hands ev to the dispatcher; false if the pool has finished.
func (p *Pool) send(ev poolEvent) bool {
	select {
	case p.events <- ev:
		return true
	case <-p.done:
		return false
	}
}

// submit gives the dispatcher a call's chunks to run.
func (p *Pool) submit(c *poolCall) error {
	p.mu.Lock()
	open := p.state == poolOpen
	p.mu.Unlock()
	if !open || !p.send(submitEvent{c}) {
		return fmt.Errorf("%w: create a new pool to run more tasks", ErrPoolClosed)
	}
	return nil
}

// poolCall is one Map or ApplyAsync: its chunks of tasks, how to read
// their results off a worker's stream, and where the results go.
type poolCall struct {
	fn            string
	chunks        []*chunk
	decodeResults func(c *conn) (any, error)
	deliver       func(c *chunk, results any, err error) // must not block
	gone          bool                                   // the caller stopped waiting
}

// chunk is a run of tasks sent to a worker as one message.
type chunk struct {
	call      *poolCall
	index     int       // which chunk of the call
	args      any       // the arguments: a []A
	id        uint64    // the message ID, once sent
	sent      time.Time // when it was sent
	delivered bool
}

func (c *chunk) finish(results any, err error) {
	if c.delivered {
		return
	}
	c.delivered = true
	c.call.deliver(c, results, err)
}

// Events for the dispatcher.
type (
	poolEvent   any
	submitEvent struct{ call *poolCall }
	cancelEvent struct{ call *poolCall }
	resultEvent struct {
		w       *poolWorker
		m       *message
		results any
	}
	exitEvent      struct{ w *poolWorker }
	closeEvent     struct{}
	terminateEvent struct{}
)

// poolWorker is a worker process and the chunks sent to it, oldest first:
// a worker runs them in order, so the first is the one running.
type poolWorker struct {
	name     string
	pool     *Pool
	cp       *childProc
	inflight []*chunk // touched by the dispatcher only
	closing  bool
	window   int           // chunks it may hold
	service  time.Duration // moving average of the time a chunk takes it
	lastDone time.Time     // when its last result arrived

	ready     chan struct{} // closed when the worker reports it is ready
	readyOnce sync.Once

	mu    sync.Mutex
	calls map[uint64]*poolCall // how to read the results of each chunk sent
}

// decodeValue reads a chunk's results off the worker's stream, on the
// worker's reader goroutine.
func (w *poolWorker) decodeValue(m *message, c *conn) (any, error) {
	w.mu.Lock()
	call := w.calls[m.ID]
	w.mu.Unlock()
	if call == nil {
		return nil, c.decodeValue(nil)
	}
	return call.decodeResults(c)
}

func (w *poolWorker) onMessage(m *message, results any) {
	if m.Kind == kindReady {
		w.readyOnce.Do(func() { close(w.ready) })
		return
	}
	w.mu.Lock()
	delete(w.calls, m.ID)
	w.mu.Unlock()
	w.pool.send(resultEvent{w, m, results})
}

// dispatcher owns the pool's state: only its goroutine touches it.
type dispatcher struct {
	pool    *Pool
	workers map[*poolWorker]bool
	order   []*poolWorker // for a stable assignment order
	pending []*chunk
	state   poolState
	nextID  uint64
}

func (d *dispatcher) startWorker() error {
	w := &poolWorker{name: nextName("PoolWorker"), pool: d.pool, calls: map[uint64]*poolCall{}, window: minWindow, ready: make(chan struct{})}
	cp, err := spawn("worker", w.name, d.pool.opts, w)
	if err != nil {
		return err
	}
	w.cp = cp
	d.workers[w] = true
	d.order = append(d.order, w)
	d.pool.wg.Go(func() {
		<-cp.exited
		d.pool.send(exitEvent{w})
	})
	return nil
}

func (d *dispatcher) loop() {
	for len(d.workers) > 0 {
		switch ev := (<-d.pool.events).(type) {
		case submitEvent:
			if d.state != poolOpen {
				for _, c := range ev.call.chunks {
					c.finish(nil, fmt.Errorf("%w: create a new pool to run more tasks", ErrPoolClosed))
				}
				continue
			}
			d.pending = append(d.pending, ev.call.chunks...)
		case cancelEvent:
			ev.call.gone = true
			d.pending = slices.DeleteFunc(d.pending, func(c *chunk) bool { return c.call == ev.call })
			for w := range d.workers {
				for _, c := range w.inflight {
					if c.call == ev.call {
						_ = w.cp.conn.send(&message{Kind: kindCancel, ID: c.id}, nil)
					}
				}
			}
		case resultEvent:
			d.result(ev.w, ev.m, ev.results)
		case exitEvent:
			d.exited(ev.w)
		case closeEvent:
			if d.state == poolOpen {
				d.state = poolClosed
			}
		case terminateEvent:
			d.terminate()
		}
		d.assign()
	}
	d.cbsDone()
}

// cbsDone lets the callback runner finish once it has run what is queued.
func (d *dispatcher) cbsDone() { d.pool.cbs.close() }

// assign deals pending chunks to workers with room, each to the worker
// holding the fewest, flushes each worker's pipe once, and lets idle
// workers of a closed pool exit.
func (d *dispatcher) assign() {
	touched := map[*poolWorker]bool{}
	for len(d.pending) > 0 {
		var w *poolWorker
		for _, o := range d.order {
			if d.workers[o] && !o.closing && len(o.inflight) < o.window && (w == nil || len(o.inflight) < len(w.inflight)) {
				w = o
			}
		}
		if w == nil {
			break // every worker is full
		}
		c := d.pending[0]
		d.pending = d.pending[1:]
		d.nextID++
		c.id, c.sent = d.nextID, time.Now()
		w.mu.Lock()
		w.calls[c.id] = c.call
		w.mu.Unlock()
		if err := w.cp.conn.write(&message{Kind: kindRun, ID: c.id, Func: c.call.fn}, c.args, false); err != nil {
			d.pending = append([]*chunk{c}, d.pending...)
			w.closing = true // the worker is dying: its exit event will follow
			continue
		}
		w.inflight = append(w.inflight, c)
		touched[w] = true
	}
	for w := range touched {
		_ = w.cp.conn.flush() // a failure shows as the worker's exit
	}
	for _, w := range d.order {
		if d.workers[w] && !w.closing && d.state == poolClosed && len(d.pending) == 0 && len(w.inflight) == 0 {
			w.closing = true
			w.cp.conn.closeWrite() // the worker reads end-of-file and exits
		}
	}
}

// observe updates a worker's window from how long its chunks take: the
// time since it was sent the chunk or finished the previous one, whichever
// is later.
func (w *poolWorker) observe(c *chunk) {
	now := time.Now()
	start := c.sent
	if w.lastDone.After(start) {
		start = w.lastDone
	}
	w.lastDone = now
	took := now.Sub(start)
	if w.service == 0 {
		w.service = took
	} else {
		w.service = (7*w.service + took) / 8
	}
	w.window = minWindow
	if w.service > 0 {
		w.window = int(min(max(windowBudget/w.service, minWindow), maxWindow))
	}
}

func (d *dispatcher) result(w *poolWorker, m *message, results any) {
	for i, c := range w.inflight {
		if c.id == m.ID {
			w.inflight = append(w.inflight[:i], w.inflight[i+1:]...)
			w.observe(c)
			var err error
			if m.Err != nil {
				err = m.Err.toError(w.name, c.call.fn)
			}
			c.finish(results, err)
			return
		}
	}
}

// exited handles a worker that ended: the task it was running fails, the
// tasks queued behind it go back to the front of the line, and a new
// worker takes its place unless the pool is finishing.
func (d *dispatcher) exited(w *poolWorker) {
	delete(d.workers, w)
	for i, o := range d.order {
		if o == w {
			d.order = append(d.order[:i], d.order[i+1:]...)
			break
		}
	}
	if len(w.inflight) > 0 {
		running := w.inflight[0]
		if d.state == poolTerminated {
			running.finish(nil, ErrPoolTerminated)
		} else {
			running.finish(nil, &WorkerDiedError{Exit: w.cp.exitError()})
		}
		d.pending = append(append([]*chunk{}, w.inflight[1:]...), d.pending...)
		w.inflight = nil
	}
	if d.state == poolTerminated || (d.state == poolClosed && len(d.pending) == 0) {
		return
	}
	if err := d.startWorker(); err != nil && len(d.workers) == 0 {
		for _, c := range d.pending {
			c.finish(nil, fmt.Errorf("pool: no worker left and a new one could not start: %w", err))
		}
		d.pending = nil
	}
}

func (d *dispatcher) terminate() {
	d.state = poolTerminated
	for _, c := range d.pending {
		c.finish(nil, ErrPoolTerminated)
	}
	d.pending = nil
	for w := range d.workers {
		for _, c := range w.inflight[min(1, len(w.inflight)):] {
			c.finish(nil, ErrPoolTerminated)
		}
		_ = w.cp.signal(syscall.SIGTERM)
	}
}

// abandon cleans up a pool that failed to start: it kills the workers
// that did start and waits for them and their watchers.
func (d *dispatcher) abandon() {
	for w := range d.workers {
		_ = w.cp.signal(syscall.SIGKILL)
	}
	close(d.pool.done) // the watchers' exit events have nobody to go to
	d.pool.wg.Wait()
}
